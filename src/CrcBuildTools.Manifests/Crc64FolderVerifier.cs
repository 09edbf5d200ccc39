using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Checks what a deploy machine received against the manifest that came with it: every listed file must exist with
/// the same length and CRC-64, and (unless allowed) nothing else may be in the folder.
/// </summary>
public static class Crc64FolderVerifier
{
    /// <summary>Verifies <paramref name="folder"/> against <paramref name="manifest"/>.</summary>
    /// <param name="manifest">The expected content.</param>
    /// <param name="folder">The folder to check.</param>
    /// <param name="ignoredPaths">
    /// Manifest paths that are never reported as extra, typically the manifest file itself when it lies in the folder.
    /// </param>
    /// <param name="allowExtraFiles">Whether files the manifest does not list are tolerated.</param>
    /// <param name="maxDegreeOfParallelism">Hashing workers; 0 means one per core.</param>
    /// <param name="cancellationToken">Stops hashing.</param>
    /// <returns>The differences, sorted by path.</returns>
    /// <exception cref="Crc64ManifestException">The folder does not exist (<see cref="Crc64ErrorCodes.BadConfiguration"/>).</exception>
    public static Crc64VerificationResult Verify(
        Crc64Manifest manifest,
        string folder,
        IEnumerable<string>? ignoredPaths = null,
        bool allowExtraFiles = false,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        if (folder is null)
        {
            throw new ArgumentNullException(nameof(folder));
        }

        string root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new Crc64ManifestException(
                Crc64ErrorCodes.BadConfiguration,
                $"{Crc64ErrorCodes.BadConfiguration}: the folder to verify, '{root}', does not exist. Pass the folder the manifest describes (by default the manifest's own folder).",
                root);
        }

        var problems = new List<Crc64VerificationProblem>();
        var toHash = new List<Crc64ManifestEntry>(manifest.Files.Count);
        var toHashPaths = new List<string>(manifest.Files.Count);
        foreach (Crc64ManifestEntry entry in manifest.Files)
        {
            string fullPath = ManifestPath.ToFileSystem(root, entry.Path);
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                problems.Add(new Crc64VerificationProblem(
                    Crc64VerificationProblemKind.Missing,
                    entry.Path,
                    fullPath,
                    Crc64ErrorCodes.VerifyFileMissing,
                    $"{Crc64ErrorCodes.VerifyFileMissing}: '{entry.Path}' is listed in the manifest but missing from '{root}' (expected {entry.Length} bytes, CRC-64 {entry.Crc64}). Copy the complete output again."));
            }
            else if (info.Length != entry.Length)
            {
                // A different length settles it without reading the file.
                problems.Add(Changed(entry, fullPath, info.Length, actualCrc: null));
            }
            else
            {
                toHash.Add(entry);
                toHashPaths.Add(fullPath);
            }
        }

        int verified = 0;
        Crc64FileHashResult[] hashes = Crc64ParallelFileHasher.HashFiles(toHashPaths, maxDegreeOfParallelism, cancellationToken);
        for (int i = 0; i < hashes.Length; i++)
        {
            Crc64ManifestEntry entry = toHash[i];
            Crc64FileHashResult result = hashes[i];
            if (result.Hash is not Crc64XzFileHash hash)
            {
                problems.Add(new Crc64VerificationProblem(
                    Crc64VerificationProblemKind.Unreadable,
                    entry.Path,
                    toHashPaths[i],
                    result.Error!.Code,
                    result.Error.Message));
            }
            else if (hash.Length != entry.Length || hash.Crc != entry.Crc64)
            {
                problems.Add(Changed(entry, toHashPaths[i], hash.Length, hash.Crc));
            }
            else
            {
                verified++;
            }
        }

        if (!allowExtraFiles)
        {
            AddExtraFiles(manifest, root, ignoredPaths, problems);
        }

        problems.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Crc64VerificationResult(problems, verified);
    }

    private static Crc64VerificationProblem Changed(Crc64ManifestEntry entry, string fullPath, long actualLength, ulong? actualCrc)
    {
        string actual = actualCrc is ulong crc ? $"{actualLength} bytes, CRC-64 {crc}" : $"{actualLength} bytes";
        return new Crc64VerificationProblem(
            Crc64VerificationProblemKind.Changed,
            entry.Path,
            fullPath,
            Crc64ErrorCodes.VerifyFileChanged,
            $"{Crc64ErrorCodes.VerifyFileChanged}: '{entry.Path}' differs from the manifest: expected {entry.Length} bytes, CRC-64 {entry.Crc64}; found {actual}. The file was damaged or replaced in transit; copy it again from the build output.");
    }

    private static void AddExtraFiles(Crc64Manifest manifest, string root, IEnumerable<string>? ignoredPaths, List<Crc64VerificationProblem> problems)
    {
        var ignored = new HashSet<string>(ignoredPaths ?? Array.Empty<string>(), StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string relative = ManifestPath.FromFileSystem(root, file) ?? file;
            if (ignored.Contains(relative) || manifest.Find(relative) is not null)
            {
                continue;
            }

            problems.Add(new Crc64VerificationProblem(
                Crc64VerificationProblemKind.Extra,
                relative,
                file,
                Crc64ErrorCodes.VerifyExtraFile,
                $"{Crc64ErrorCodes.VerifyExtraFile}: '{relative}' is in '{root}' but not in the manifest. Remove it, or deploy into an empty folder; allow extra files only if something else legitimately writes there."));
        }
    }
}
