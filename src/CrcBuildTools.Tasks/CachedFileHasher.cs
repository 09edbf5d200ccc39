using System;
using System.Collections.Generic;
using System.Threading;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Microsoft.Build.Framework;

namespace CrcBuildTools.Tasks;

/// <summary>A file to hash: its full path, the stamp taken when it was listed, and whether the cache may answer for it.</summary>
internal readonly record struct FileToHash(string FullPath, FileStamp Stamp, bool Cacheable = true);

/// <summary>The length and CRC of one file (read now or remembered), or the coded reason it has none.</summary>
internal readonly record struct FileHashOutcome(long Length, ulong Crc, Crc64ManifestException? Error);

/// <summary>
/// The one "look up, hash the rest, remember" piece of the tasks: <see cref="WriteCrc64Manifest"/> and
/// <see cref="ComputeEmbeddedResourceChecksums"/> hand it their files with the stamps they took, and get a length and CRC
/// per file. Unchanged files come from <see cref="Crc64HashCache"/>; the rest are hashed on the cores MSBuild grants
/// (<see cref="CoreReservation"/>).
/// </summary>
/// <remarks>
/// A fresh CRC is remembered against the stamp taken before hashing. The engine proves that the bytes did not change
/// while it read them (or fails with CRC1015, and nothing is recorded), and any write between taking the stamp and
/// opening the file moves the file's change stamp, so the next build misses the cache and hashes again: no second
/// stamp is needed, and a CRC of neither version is never kept.
/// </remarks>
internal sealed class CachedFileHasher
{
    private readonly Crc64HashCache _cache;

    private CachedFileHasher(Crc64HashCache cache) => _cache = cache;

    /// <summary>How many files the last <see cref="Hash"/> actually read (the rest came from the cache).</summary>
    public int HashedFileCount { get; private set; }

    /// <summary>Loads the cache at <paramref name="cacheFile"/>; null or empty hashes everything and remembers nothing.</summary>
    public static CachedFileHasher Open(string? cacheFile) => new(Crc64HashCache.Load(cacheFile));

    /// <summary>Hashes (or looks up) every file; per-file failures are outcomes, not exceptions.</summary>
    /// <param name="files">The files.</param>
    /// <param name="containingFolder">The folder links must not leave (manifests), or null to follow links anywhere (resources).</param>
    /// <param name="maxDegreeOfParallelism">Workers wanted; 0 for one per core. MSBuild may grant fewer.</param>
    /// <param name="engine">The task's build engine, asked for cores.</param>
    /// <param name="cancellationToken">Stops the hashing between reads.</param>
    /// <returns>One outcome per file, in order.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public FileHashOutcome[] Hash(IReadOnlyList<FileToHash> files, string? containingFolder, int maxDegreeOfParallelism, IBuildEngine? engine, CancellationToken cancellationToken)
    {
        var outcomes = new FileHashOutcome[files.Count];
        var toHash = new List<int>();
        for (int i = 0; i < files.Count; i++)
        {
            FileToHash file = files[i];
            if (file.Cacheable && _cache.TryGet(file.FullPath, file.Stamp, out ulong crc))
            {
                outcomes[i] = new FileHashOutcome(file.Stamp.Length, crc, null);
            }
            else
            {
                toHash.Add(i);
            }
        }

        HashedFileCount = toHash.Count;
        if (toHash.Count == 0)
        {
            return outcomes;
        }

        var paths = toHash.ConvertAll(i => files[i].FullPath);
        var lengths = toHash.ConvertAll(i => files[i].Stamp.Length);
        int wanted = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        Crc64FileHashResult[] results;
        // One small file is one read: no cores to ask for. Several files, or one large file (hashed in chunks), use them.
        bool parallel = toHash.Count > 1 || lengths[0] >= Crc64XzFileOptions.Default.ParallelThreshold;
        using (CoreReservation cores = CoreReservation.Request(engine, parallel ? Math.Min(wanted, Crc64XzFileOptions.MaximumDegreeOfParallelism) : 1))
        {
            results = Crc64ParallelFileHasher.HashFiles(paths, lengths, containingFolder, cores.Workers, cancellationToken);
        }

        DateTime now = DateTime.UtcNow;
        for (int j = 0; j < results.Length; j++)
        {
            FileToHash file = files[toHash[j]];
            if (results[j].Hash is not Crc64XzFileHash hash)
            {
                outcomes[toHash[j]] = new FileHashOutcome(0, 0, results[j].Error);
                continue;
            }

            if (file.Cacheable && file.Stamp.Length == hash.Length)
            {
                _cache.Set(file.FullPath, file.Stamp, hash.Crc, now);
            }

            outcomes[toHash[j]] = new FileHashOutcome(hash.Length, hash.Crc, null);
        }

        return outcomes;
    }

    /// <summary>Writes the cache when it changed; a cache that cannot be written only costs hashing next time.</summary>
    /// <returns>Why it could not be written, for a low-importance message, or null.</returns>
    public string? Save()
    {
        _cache.Save(out string? problem);
        return problem;
    }
}
