using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Hashes many files at once with the CRC engine. Small files are spread over all cores, one file per worker;
/// large files are hashed one at a time with the engine's own chunked parallelism, so a single 1 GiB file does not
/// leave the other cores idle. Files are streamed through pooled buffers and never loaded whole.
/// </summary>
public static class Crc64ParallelFileHasher
{
    private const int RangeSize = 32;

    /// <summary>Hashes the files; per-file failures are returned, not thrown, so one bad file reports with the others.</summary>
    /// <param name="paths">The files.</param>
    /// <param name="maxDegreeOfParallelism">Workers; 0 or less means one per core.</param>
    /// <param name="cancellationToken">Stops the work between reads.</param>
    /// <returns>One result per path, in the same order.</returns>
    public static Crc64FileHashResult[] HashFiles(IReadOnlyList<string> paths, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default) =>
        HashFiles(paths, null, maxDegreeOfParallelism, cancellationToken);

    /// <summary>
    /// Hashes the files under the link rule of manifests: with <paramref name="containingFolder"/> set, a file that is
    /// (or lies under) a symbolic link leading out of that folder is refused with <see cref="Crc64ErrorCodes.LinkLeavesFolder"/>
    /// and nothing is read from it; a link that stays inside is hashed as its target.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="containingFolder">The folder the files must stay in, or <see langword="null"/> to follow links anywhere.</param>
    /// <param name="maxDegreeOfParallelism">Workers; 0 or less means one per core.</param>
    /// <param name="cancellationToken">Stops the work between reads.</param>
    /// <returns>One result per path, in the same order.</returns>
    public static Crc64FileHashResult[] HashFiles(IReadOnlyList<string> paths, string? containingFolder, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default) =>
        HashFiles(paths, null, containingFolder, maxDegreeOfParallelism, cancellationToken);

    /// <summary>
    /// As <see cref="HashFiles(IReadOnlyList{string}, string?, int, CancellationToken)"/>, with the lengths the caller
    /// already knows (from a stamp it took), so scheduling costs no extra stat per file; the result is still the
    /// length actually read.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="knownLengths">Each file's length as last seen, in the same order; <see langword="null"/> to look them up.</param>
    /// <param name="containingFolder">The folder the files must stay in, or <see langword="null"/> to follow links anywhere.</param>
    /// <param name="maxDegreeOfParallelism">Workers; 0 or less means one per core.</param>
    /// <param name="cancellationToken">Stops the work between reads.</param>
    /// <returns>One result per path, in the same order.</returns>
    public static Crc64FileHashResult[] HashFiles(IReadOnlyList<string> paths, IReadOnlyList<long>? knownLengths, string? containingFolder, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default)
    {
        if (paths is null)
        {
            throw new ArgumentNullException(nameof(paths));
        }

        int workers = maxDegreeOfParallelism > 0 ? Math.Min(maxDegreeOfParallelism, Crc64XzFileOptions.MaximumDegreeOfParallelism) : Environment.ProcessorCount;
        var sequential = new Crc64XzFileOptions { MaxDegreeOfParallelism = 1, ContainingFolder = containingFolder };
        var results = new Crc64FileHashResult[paths.Count];
        var small = new List<int>(paths.Count);
        var large = new List<int>();
        for (int i = 0; i < paths.Count; i++)
        {
            bool isLarge = knownLengths is null ? IsLarge(paths[i]) : knownLengths[i] >= Crc64XzFileOptions.Default.ParallelThreshold;
            (isLarge ? large : small).Add(i);
        }

        // With at least one large file per worker, whole files already keep every core busy, and sequential reads
        // of each file beat chunked ones; otherwise the few large files get the engine's chunked parallelism.
        if (large.Count >= workers)
        {
            small.InsertRange(0, large);
        }
        else
        {
            var largeOptions = new Crc64XzFileOptions { MaxDegreeOfParallelism = Math.Max(1, workers), ContainingFolder = containingFolder };
            foreach (int index in large)
            {
                results[index] = HashOne(paths[index], largeOptions, cancellationToken);
            }
        }

        if (workers == 1 || small.Count <= 1)
        {
            foreach (int index in small)
            {
                results[index] = HashOne(paths[index], sequential, cancellationToken);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            // Ranges of a few dozen files per hand-out: one file at a time costs more in coordination than a small
            // file costs to hash (thousands of embedded resources), and ranges this short still balance big files.
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, small.Count, RangeSize), parallel, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    results[small[i]] = HashOne(paths[small[i]], sequential, cancellationToken);
                }
            });
        }

        return results;
    }

    /// <summary>Hashes one file and maps I/O failures to coded errors.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the engine's default.</param>
    /// <param name="cancellationToken">Stops the work between reads.</param>
    /// <returns>The result.</returns>
    public static Crc64FileHashResult HashOne(string path, Crc64XzFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return new Crc64FileHashResult(path, Crc64Xz.HashFile(path, options, cancellationToken), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            string shown = DisplayText.Of(path);
            string why = ManifestPath.IsLink(path)
                ? $"'{shown}' is a symbolic link whose target does not exist. Point it at a file inside the folder, or remove it, and build again."
                : $"the file '{shown}' vanished before it could be hashed. Another process deleted or moved it during the build; run the build again, without that process.";
            return Failed(path, Crc64ErrorCodes.FileMissing, why, e);
        }
        catch (Crc64XzFileException e)
        {
            return e.Problem switch
            {
                Crc64XzFileProblem.OutsideFolder => Failed(path, Crc64ErrorCodes.LinkLeavesFolder, e.ResolvedPath is string target
                    ? $"'{DisplayText.Of(path)}' is a symbolic link (or lies under one) that leads out of the folder, to '{DisplayText.Of(target)}'. A manifest vouches only for bytes inside its folder, so nothing was read from it. Replace the link by a copy of the file, or remove it. (A build makes such links when CreateSymbolicLinksForCopyFilesToOutputDirectoryIfPossible or CreateSymbolicLinksForCopyLocalIfPossible is true: turn that off for output you ship, or set Crc64Manifest=false.)"
                    : $"{DisplayText.Of(e.Message)} A manifest vouches only for bytes inside its folder; replace the link by a copy of the file, or remove it.", e),
                Crc64XzFileProblem.NotARegularFile => Failed(path, Crc64ErrorCodes.NotARegularFile,
                    $"{DisplayText.Of(e.Message)} A manifest lists files with a known length; replace it by a regular file, or remove it.", e),
                _ => Failed(path, Crc64ErrorCodes.FileChangedWhileHashed,
                    $"{DisplayText.Of(e.Message)} Stop the process that writes it (a running copy of the app, a log writer), then build again.", e),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, Crc64ErrorCodes.FileUnreadable,
                $"cannot read the file '{DisplayText.Of(path)}': {DisplayText.Of(e.Message)} Close the program that locks it (an antivirus scan or a running copy of the app) or fix its permissions, then build again.", e);
        }
    }

    private static Crc64FileHashResult Failed(string path, string code, string message, Exception inner) =>
        new(path, null, new Crc64ManifestException(code, message, path, innerException: inner));

    private static bool IsLarge(string path)
    {
        try
        {
            return new FileInfo(path).Length >= Crc64XzFileOptions.Default.ParallelThreshold;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // HashOne reports the problem with its code.
        }
    }
}
