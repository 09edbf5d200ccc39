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
    private static readonly Crc64XzFileOptions Sequential = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>Hashes the files; per-file failures are returned, not thrown, so one bad file reports with the others.</summary>
    /// <param name="paths">The files.</param>
    /// <param name="maxDegreeOfParallelism">Workers; 0 or less means one per core.</param>
    /// <param name="cancellationToken">Stops the work between reads.</param>
    /// <returns>One result per path, in the same order.</returns>
    public static Crc64FileHashResult[] HashFiles(IReadOnlyList<string> paths, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default)
    {
        if (paths is null)
        {
            throw new ArgumentNullException(nameof(paths));
        }

        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var results = new Crc64FileHashResult[paths.Count];
        var small = new List<int>(paths.Count);
        var large = new List<int>();
        for (int i = 0; i < paths.Count; i++)
        {
            (IsLarge(paths[i]) ? large : small).Add(i);
        }

        // With at least one large file per worker, whole files already keep every core busy, and sequential reads
        // of each file beat chunked ones; otherwise the few large files get the engine's chunked parallelism.
        if (large.Count >= workers)
        {
            small.InsertRange(0, large);
        }
        else
        {
            var largeOptions = new Crc64XzFileOptions { MaxDegreeOfParallelism = workers };
            foreach (int index in large)
            {
                results[index] = HashOne(paths[index], largeOptions, cancellationToken);
            }
        }

        if (workers == 1 || small.Count <= 1)
        {
            foreach (int index in small)
            {
                results[index] = HashOne(paths[index], Sequential, cancellationToken);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(small, loadBalance: true), parallel, index => results[index] = HashOne(paths[index], Sequential, cancellationToken));
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
            return new Crc64FileHashResult(path, null, new Crc64ManifestException(
                Crc64ErrorCodes.FileMissing,
                $"{Crc64ErrorCodes.FileMissing}: the file '{path}' vanished before it could be hashed. Another process deleted or moved it during the build; run the build again, without that process.",
                path,
                innerException: e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Crc64FileHashResult(path, null, new Crc64ManifestException(
                Crc64ErrorCodes.FileUnreadable,
                $"{Crc64ErrorCodes.FileUnreadable}: cannot read the file '{path}': {e.Message} Close the program that locks it (an antivirus scan or a running copy of the app) or fix its permissions, then build again.",
                path,
                innerException: e));
        }
    }

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
