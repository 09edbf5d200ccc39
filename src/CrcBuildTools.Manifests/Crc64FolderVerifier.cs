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
/// <remarks>
/// <para>The link rule, the same in the manifest writer, this verifier, its walk for extra files and the upload: a
/// symbolic link inside the folder whose target (after every link on the way) stays inside is checked as that target;
/// a link that leads out is <see cref="Crc64ErrorCodes.LinkLeavesFolder"/> and nothing is read through it, so no byte,
/// length or CRC of an outside file is ever reported; a directory link is never walked into.</para>
/// <para>A listed entry must be a regular file: a pipe, device or socket is <see cref="Crc64ErrorCodes.NotARegularFile"/>,
/// decided without opening it, so a FIFO cannot block the check.</para>
/// <para>Files are hashed in batches, so memory beyond the manifest stays bounded however many files it lists.</para>
/// </remarks>
public static class Crc64FolderVerifier
{
    private const int BatchSize = 4096;

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

        string root = folder.Length == 0 ? folder : Path.GetFullPath(folder);
        if (root.Length == 0 || !Directory.Exists(root))
        {
            throw new Crc64ManifestException(
                Crc64ErrorCodes.BadConfiguration,
                $"The folder to verify, '{DisplayText.Of(root)}', does not exist. Pass the folder the manifest describes (by default the manifest's own folder).",
                root);
        }

        var problems = new List<Crc64VerificationProblem>();
        int verified = 0;
        var paths = new List<string>(Math.Min(BatchSize, manifest.Files.Count));
        var present = new List<Crc64ManifestEntry>(Math.Min(BatchSize, manifest.Files.Count));
        for (int start = 0; start < manifest.Files.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(BatchSize, manifest.Files.Count - start);
            paths.Clear();
            present.Clear();
            for (int i = 0; i < count; i++)
            {
                // Nothing at all at the path (not even a dangling link) is missing without asking the engine, which
                // would answer with an exception: an empty folder against millions of entries stays fast.
                Crc64ManifestEntry entry = manifest.Files[start + i];
                string fullPath = ManifestPath.ToFileSystem(root, entry.Path);
                if (ManifestPath.AnythingAt(fullPath))
                {
                    paths.Add(fullPath);
                    present.Add(entry);
                }
                else
                {
                    problems.Add(new(Crc64VerificationProblemKind.Missing, Crc64ErrorCodes.VerifyFileMissing, entry.Path, null, root, entry));
                }
            }

            Crc64FileHashResult[] hashes = Crc64ParallelFileHasher.HashFiles(paths, root, maxDegreeOfParallelism, cancellationToken);
            for (int i = 0; i < hashes.Length; i++)
            {
                Crc64ManifestEntry entry = present[i];
                if (hashes[i].Hash is Crc64XzFileHash hash)
                {
                    if (hash.Length == entry.Length && hash.Crc == entry.Crc64)
                    {
                        verified++;
                    }
                    else
                    {
                        problems.Add(new(Crc64VerificationProblemKind.Changed, Crc64ErrorCodes.VerifyFileChanged, entry.Path, null, root, entry, hash.Length, hash.Crc));
                    }
                }
                else
                {
                    problems.Add(Failure(entry, null, root, hashes[i].Error!));
                }
            }
        }

        if (!allowExtraFiles)
        {
            ExtraFileWalk.Run(manifest, root, ignoredPaths, problems, cancellationToken);
        }

        problems.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Crc64VerificationResult(problems, verified);
    }

    private static Crc64VerificationProblem Failure(Crc64ManifestEntry entry, string? fullPath, string root, Crc64ManifestException error)
    {
        fullPath ??= ManifestPath.ToFileSystem(root, entry.Path);
        Exception? cause = error.InnerException;
        return error.Code switch
        {
            Crc64ErrorCodes.FileMissing => new(Crc64VerificationProblemKind.Missing, Crc64ErrorCodes.VerifyFileMissing, entry.Path, fullPath, root, entry,
                detail: ManifestPath.IsLink(fullPath) ? "it is a symbolic link whose target does not exist" : null),
            Crc64ErrorCodes.LinkLeavesFolder => new(Crc64VerificationProblemKind.LinkLeavesFolder, error.Code, entry.Path, fullPath, root, entry,
                detail: (cause as Crc64XzFileException)?.ResolvedPath),
            Crc64ErrorCodes.NotARegularFile => new(Crc64VerificationProblemKind.NotARegularFile, error.Code, entry.Path, fullPath, root, entry,
                detail: ((cause as Crc64XzFileException)?.Kind ?? Crc64XzFileKind.Unknown).Describe()),
            _ => new(Crc64VerificationProblemKind.Unreadable, error.Code, entry.Path, fullPath, root, entry,
                detail: DisplayText.Of(cause?.Message ?? error.Message)),
        };
    }
}
