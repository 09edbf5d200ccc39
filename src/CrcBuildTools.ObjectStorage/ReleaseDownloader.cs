using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage.Download;
using CrcBuildTools.ObjectStorage.Http;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Downloads a release into a folder, every file verified against the manifest, and leaves that folder either as
/// exactly the verified release or exactly as it was:
/// <code>
/// var source = ReleaseSource.Parse("oss://my-releases/MyApp/channels/stable.json", new ReleaseSourceOptions { Region = "cn-hangzhou" });
/// using var downloader = new ReleaseDownloader(source);
/// DownloadSummary summary = await downloader.DownloadAsync("/srv/myapp");
/// </code>
/// The manifest is the authority; the service's CRC-64 header a second opinion (a disagreeing header fails, a
/// missing one is reported). Files already in DEST with the manifest's length and CRC are kept; the rest are fetched
/// into a staging folder beside DEST, hashed on the way to disk, and the staged release replaces DEST in one swap.
/// An interrupted download resumes; resumed bytes are hashed again from disk.
/// </summary>
public sealed class ReleaseDownloader : IDisposable
{
    private readonly ReleaseSource _source;
    private readonly DownloadOptions _options;
    private readonly DownloadObserver _observer;
    private readonly ObjectStorageClient _client;

    /// <summary>Creates a downloader.</summary>
    /// <param name="source">Where the release is (a manifest or a channel pointer).</param>
    /// <param name="options">Parallelism, range size, extra-file policy; null for the defaults.</param>
    /// <param name="observer">Receives progress, retries and warnings; may be null.</param>
    /// <exception cref="ObjectStorageException">Settings or credentials are unusable (CRC4001-CRC4004).</exception>
    public ReleaseDownloader(ReleaseSource source, DownloadOptions? options = null, DownloadObserver? observer = null)
        : this(source, options, observer, handler: null)
    {
    }

    internal ReleaseDownloader(ReleaseSource source, DownloadOptions? options, DownloadObserver? observer, HttpMessageHandler? handler)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? new DownloadOptions();
        _options.EnsureValid();
        _observer = observer ?? new SilentObserver();
        _client = source.Connect(handler);
        _client.Pipeline.RetryReported = n => _observer.OnRetry(new DownloadRetry(n.ObjectKey, n.Operation, n.Reason, n.FailedAttempt, n.Delay));
    }

    /// <summary>The benchmark's seam: how received bytes are hashed (always the CRC engine in the product).</summary>
    internal RangeHasherFactory Hasher { get; set; } = Crc64RangeHasher.Factory;

    internal ObjectStorageClient Client => _client;

    /// <summary>Downloads the release into <paramref name="destination"/>.</summary>
    /// <param name="destination">The folder; created if missing. Its files that the release does not list are kept (or deleted with <see cref="DownloadOptions.DeleteExtraFiles"/>).</param>
    /// <param name="cancellationToken">Stops promptly; DEST is left as it was, and the next run resumes.</param>
    /// <returns>What was fetched, kept and verified.</returns>
    /// <exception cref="ObjectStorageException">A CRC4xxx failure; DEST was left as it was.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; DEST was left as it was.</exception>
    public async Task<DownloadSummary> DownloadAsync(string destination, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string dest = Path.GetFullPath(destination ?? throw new ArgumentNullException(nameof(destination)))
            .TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string stagingRoot = StagingArea.RootFor(dest);
        LocatedRelease release = await ReleaseLocator.LocateAsync(_source, _client, cancellationToken).ConfigureAwait(false);
        CreateParent(dest);

        string releaseId = release.ManifestBytes.Length.ToString(CultureInfo.InvariantCulture) + "-" + Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(release.ManifestBytes));
        using StagingArea staging = StagingArea.Open(dest, releaseId);
        DestinationScan scan = await DestinationScan.ScanAsync(dest, release.Manifest, release.ManifestFileName, release.ManifestBytes, cancellationToken)
            .ConfigureAwait(false);
        List<string> conflicts = _options.DeleteExtraFiles ? new() : scan.Conflicts(release.Manifest).ToList();
        if (conflicts.Count > 0)
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationConflict,
                $"DEST holds {string.Join(", ", conflicts.Take(5).Select(c => "'" + c + "'"))} where the release needs a folder or a file of that name",
                "These are not files of a release, so they are not deleted without --delete-extra. Move them away, or pass --delete-extra. DEST was not changed.")
            {
                FilePath = Path.Combine(dest, conflicts[0]),
            };
        }

        var results = new DownloadFileResult[release.Manifest.Files.Count];
        var pending = new List<int>();
        for (int i = 0; i < results.Length; i++)
        {
            Crc64ManifestEntry entry = release.Manifest.Files[i];
            if (scan.Kept.Contains(entry.Path))
            {
                results[i] = new DownloadFileResult(entry.Path, _source.Describe(release.KeyOf(entry.Path)), entry.Length, entry.Crc64, true, CrcHeaderState.NotRequested, 0, 0, TimeSpan.Zero);
                _observer.OnFileKept(results[i]);
            }
            else
            {
                pending.Add(i);
            }
        }

        await FetchAllAsync(release, staging, pending, results, cancellationToken).ConfigureAwait(false);

        foreach (string extra in scan.Extras)
        {
            _observer.OnWarning(DownloadErrorCodes.ExtraFilesInDestination, _options.DeleteExtraFiles
                ? $"'{extra}' is not part of the release and was deleted (--delete-extra)."
                : $"'{extra}' is not part of the release; it was kept. Pass --delete-extra to remove such files.");
        }

        bool changed = pending.Count > 0 || !scan.ManifestKept || scan.PreviousRelease.Count > 0 || (_options.DeleteExtraFiles && scan.Extras.Count > 0) || !scan.Exists;
        cancellationToken.ThrowIfCancellationRequested();
        if (changed)
        {
            Commit(dest, staging, release, scan);
        }

        staging.Remove();
        return new DownloadSummary(_source.Describe(release.ManifestKey), dest, release.Pointer?.Version, results, scan.Extras,
            _options.DeleteExtraFiles, scan.PreviousRelease.Count, changed, clock.Elapsed);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task FetchAllAsync(LocatedRelease release, StagingArea staging, List<int> pending, DownloadFileResult[] results, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_options.Parallelism, _options.Parallelism);
        var fetcher = new FileFetcher(_client, _options, staging, slots, Hasher, _observer);

        // Largest first, so a big file does not start last and leave the other workers idle.
        var queue = new ConcurrentQueue<int>(pending.OrderByDescending(i => release.Manifest.Files[i].Length));
        await ParallelWorkers.RunAsync(Math.Min(_options.Parallelism, pending.Count), async token =>
        {
            while (queue.TryDequeue(out int index))
            {
                Crc64ManifestEntry entry = release.Manifest.Files[index];
                string key = release.KeyOf(entry.Path);
                results[index] = await fetcher.FetchAsync(index, entry, key, _source.Describe(key), token).ConfigureAwait(false);
                _observer.OnFileFetched(results[index]);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Commit(string dest, StagingArea staging, LocatedRelease release, DestinationScan scan)
    {
        try
        {
            FolderSwap.CarryOver(dest, staging.ReleaseTree, scan.Kept);
            if (!_options.DeleteExtraFiles)
            {
                FolderSwap.CarryOver(dest, staging.ReleaseTree, scan.Extras);
            }

            string manifestPath = staging.StagedPath(release.ManifestFileName);
            if (scan.ManifestKept)
            {
                FolderSwap.CarryOver(dest, staging.ReleaseTree, new[] { release.ManifestFileName });
            }
            else
            {
                File.WriteAllBytes(manifestPath, release.ManifestBytes);
            }

            FolderSwap.CopyFolderMode(dest, staging.ReleaseTree);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StagingArea.NotWritable(staging.ReleaseTree, e);
        }

        FolderSwap.Swap(dest, staging);
    }

    private static void CreateParent(string dest)
    {
        string? parent = Path.GetDirectoryName(dest);
        try
        {
            if (parent is not null)
            {
                Directory.CreateDirectory(parent);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationInvalid, $"The folder above DEST, '{parent}', cannot be created: {e.Message}",
                "Check the path and its permissions.", e) { FilePath = dest };
        }
    }

    private sealed class SilentObserver : DownloadObserver
    {
    }
}
