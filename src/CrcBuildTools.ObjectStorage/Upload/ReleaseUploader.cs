using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage.Http;
using CrcBuildTools.ObjectStorage.Upload;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Uploads a release: every file, each verified by CRC-64, and then the manifest LAST, only when every file
/// verified, so a consumer can treat the manifest's presence as "the release is complete". With
/// <see cref="ObjectStorageOptions.SkipUnchanged"/> an object already holding the same length and CRC is skipped.
/// </summary>
public sealed class ReleaseUploader
{
    private readonly ObjectStorageClient _client;
    private readonly ObjectStorageOptions _options;
    private readonly UploadObserver _observer;

    /// <summary>Creates an uploader over <paramref name="client"/>.</summary>
    /// <param name="client">The configured client.</param>
    /// <param name="observer">Receives progress, retries and warnings; may be null.</param>
    public ReleaseUploader(ObjectStorageClient client, UploadObserver? observer = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = client.Options;
        _observer = observer ?? new SilentObserver();
        client.Observer = _observer;
    }

    /// <summary>The local CRC of what is sent: the engine; a benchmark swaps in a lookup to measure what hashing costs.</summary>
    internal PartHasher Hasher { get; set; } = PartHashers.Crc64;

    /// <summary>Uploads <paramref name="files"/>, then <paramref name="manifest"/>.</summary>
    /// <param name="files">The published files, usually the manifest's entries (an entry for the manifest itself is ignored).</param>
    /// <param name="manifest">The manifest file, uploaded last.</param>
    /// <param name="cancellationToken">Stops promptly; open multipart uploads are aborted before this returns.</param>
    /// <returns>Counts, bytes and time.</returns>
    /// <exception cref="ObjectStorageException">The first failure; the manifest was not uploaded.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the manifest was not uploaded.</exception>
    public Task<UploadSummary> UploadAsync(IReadOnlyList<UploadItem> files, UploadItem manifest, CancellationToken cancellationToken = default) =>
        UploadAsync(files, manifest, channel: null, cancellationToken);

    /// <summary>Uploads <paramref name="files"/>, then <paramref name="manifest"/>, then (last of all) the channel pointer.</summary>
    /// <param name="files">The published files (an entry for the manifest itself is ignored).</param>
    /// <param name="manifest">The manifest file, uploaded after every file verified.</param>
    /// <param name="channel">The channel to point at this release once its manifest verified; null for none.</param>
    /// <param name="cancellationToken">Stops promptly; open multipart uploads are aborted before this returns.</param>
    /// <returns>Counts, bytes and time.</returns>
    /// <exception cref="ObjectStorageException">The first failure; nothing after it (manifest, pointer) was uploaded.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the manifest and the pointer were not uploaded.</exception>
    public async Task<UploadSummary> UploadAsync(IReadOnlyList<UploadItem> files, UploadItem manifest, ReleaseChannel? channel, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string prefix = ObjectKeys.NormalizePrefix(_options.Prefix);
        string manifestKey = ObjectKeys.Combine(prefix, manifest.RelativePath);
        List<(UploadItem Item, string Key)> plan = Plan(files, prefix, manifestKey);
        channel?.Validate(plan.Select(p => p.Key).Append(manifestKey));
        var totals = new Totals();

        // A run that was killed may have left multipart uploads open under this prefix: abort them before adding more,
        // or, where the service lists a CRC per part (OSS), continue those of files this release uploads again.
        var byKey = plan.ToDictionary(p => p.Key, p => p.Item, StringComparer.Ordinal);
        ResumableUploads resumable = await EarlierRunCleanup.RunAsync(_client, _observer, prefix,
            marker => ResumableUploads.Qualifies(marker, _options.Provider!.Value, byKey, _options),
            cancellationToken).ConfigureAwait(false);

        using var slots = new BufferSlots(_options.Parallelism);
        var uploader = new FileUploader(_client, slots, _observer, prefix, resumable, Hasher);
        // Largest first, so a big file does not start last and leave the other workers idle.
        var queue = new ConcurrentQueue<(UploadItem Item, string Key)>(plan.OrderByDescending(p => p.Item.Length ?? 0));
        await ParallelWorkers.RunAsync(Math.Min(_options.Parallelism, plan.Count), async token =>
        {
            while (queue.TryDequeue(out var next))
            {
                await UploadOneAsync(uploader, next.Item, next.Key, totals, token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);

        // An earlier upload nobody continued (its file was skipped as unchanged) is aborted like any other left open.
        await uploader.AbortUnresumedAsync(cancellationToken).ConfigureAwait(false);

        // Every file verified (or skipped as identical): only now may the manifest appear in the bucket.
        cancellationToken.ThrowIfCancellationRequested();
        UploadFileResult manifestResult = await UploadOneAsync(uploader, manifest, manifestKey, totals, cancellationToken).ConfigureAwait(false);

        // The pointer goes last: a follower of the channel sees the new release only once it is complete and verified.
        if (channel is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await UploadPointerAsync(uploader, channel, manifestKey, manifestResult, totals, cancellationToken).ConfigureAwait(false);
        }

        string destination = (_options.Provider == StorageProvider.Cos ? "cos://" : "oss://") + _options.Bucket + "/" + prefix;
        return new UploadSummary(destination, totals.Uploaded, totals.Skipped, totals.BytesUploaded, totals.BytesSkipped, totals.Unverified, clock.Elapsed);
    }

    private static List<(UploadItem Item, string Key)> Plan(IReadOnlyList<UploadItem> files, string prefix, string manifestKey)
    {
        var plan = new List<(UploadItem, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { manifestKey };
        foreach (UploadItem item in files)
        {
            string key = ObjectKeys.Combine(prefix, item.RelativePath);
            if (key == manifestKey)
            {
                continue;
            }

            if (!seen.Add(key))
            {
                throw new ObjectStorageException(StorageErrorCodes.InvalidUploadItem,
                    $"Two files map to the object key '{key}'", "Each published file must have a distinct relative path.")
                {
                    FilePath = item.LocalPath,
                    ObjectKey = key,
                };
            }

            plan.Add((item, key));
        }

        return plan;
    }

    private async Task UploadPointerAsync(
        FileUploader uploader, ReleaseChannel channel, string manifestKey, UploadFileResult manifest, Totals totals, CancellationToken cancellationToken)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(
            new Manifests.Crc64ChannelPointer(channel.Name, channel.Version, channel.Key, manifestKey, manifest.Length, manifest.Crc64).ToJson());
        ulong crc = Crc64Xz.Hash(body);
        string label = "channel pointer '" + channel.Name + "'";
        if (_options.SkipUnchanged && await HeadForSkipAsync(channel.Key, cancellationToken).ConfigureAwait(false) is { } existing &&
            existing.Length == body.Length && existing.Crc64 == crc)
        {
            totals.AddSkipped(body.Length);
            _observer.OnFileSkipped(new UploadFileResult(label, channel.Key, body.Length, crc, true, 0, true, TimeSpan.Zero));
            return;
        }

        // no-cache: CDNs and browsers must ask again, or followers of the channel would keep seeing the old release.
        UploadFileResult result = await uploader.UploadBytesAsync(label, channel.Key, body, "no-cache", cancellationToken).ConfigureAwait(false);
        totals.AddUploaded(body.Length, result.Verified);
        _observer.OnFileUploaded(result);
    }

    private async Task<UploadFileResult> UploadOneAsync(FileUploader uploader, UploadItem item, string key, Totals totals, CancellationToken cancellationToken)
    {
        long length = LocalFileReader.LengthOf(item);
        if (item.Length is long expectedLength && expectedLength != length)
        {
            throw LocalFileReader.Changed(item.LocalPath, key, $"it is {length} bytes, the manifest says {expectedLength}");
        }

        if (_options.SkipUnchanged)
        {
            // Only a known CRC can prove an object unchanged; the manifest gives it for free, others are hashed.
            ulong localCrc = item.Crc64 ?? (await Crc64Xz.HashFileAsync(item.LocalPath, cancellationToken: cancellationToken).ConfigureAwait(false)).Crc;
            ObjectMetadata? existing = await HeadForSkipAsync(key, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.Length == length && existing.Crc64 == localCrc)
            {
                var skipped = new UploadFileResult(item.LocalPath, key, length, localCrc, true, 0, true, TimeSpan.Zero);
                totals.AddSkipped(length);
                _observer.OnFileSkipped(skipped);
                return skipped;
            }
        }

        UploadFileResult result = await uploader.UploadAsync(item.LocalPath, key, length, item.Crc64, cancellationToken).ConfigureAwait(false);
        totals.AddUploaded(length, result.Verified);
        _observer.OnFileUploaded(result);
        return result;
    }

    private async Task<ObjectMetadata?> HeadForSkipAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.HeadObjectAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStorageException e) when (e.HttpStatus is >= 400 and < 500 && e.ServiceErrorCode is null)
        {
            // A HEAD error has no body, so it cannot say WHY (bad signature? skewed clock? expired token?). Go on
            // to the upload: its error answer names the reason, which is what the user needs to read.
            return null;
        }
    }

    private sealed class SilentObserver : UploadObserver
    {
    }

    private sealed class Totals
    {
        private int _uploaded;
        private int _skipped;
        private int _unverified;
        private long _bytesUploaded;
        private long _bytesSkipped;

        public int Uploaded => _uploaded;

        public int Skipped => _skipped;

        public int Unverified => _unverified;

        public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

        public long BytesSkipped => Interlocked.Read(ref _bytesSkipped);

        public void AddUploaded(long bytes, bool verified)
        {
            Interlocked.Increment(ref _uploaded);
            Interlocked.Add(ref _bytesUploaded, bytes);
            if (!verified)
            {
                Interlocked.Increment(ref _unverified);
            }
        }

        public void AddSkipped(long bytes)
        {
            Interlocked.Increment(ref _skipped);
            Interlocked.Add(ref _bytesSkipped, bytes);
        }
    }
}
