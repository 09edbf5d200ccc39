using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage.Http;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// Fetches one release file into the staging folder and proves it: every byte is hashed on its way to disk, and the
/// file gets its real name in the staged tree only when its CRC equals the manifest's. Small files come as one GET;
/// larger ones as a HEAD and parallel ranged GETs (If-Match on every range, <c>x-oss-range-behavior: standard</c>),
/// whose CRCs are joined in offset order with <see cref="Crc64Xz.Combine"/>. After a kill, the ranges already on
/// disk are hashed again from disk, never taken from a record, and a mismatch discards the file and its record.
/// </summary>
internal sealed class FileFetcher
{
    private readonly ObjectStorageClient _client;
    private readonly DownloadOptions _options;
    private readonly StagingArea _staging;
    private readonly SemaphoreSlim _slots;
    private readonly RangeHasherFactory _hasher;
    private readonly DownloadObserver _observer;

    public FileFetcher(ObjectStorageClient client, DownloadOptions options, StagingArea staging, SemaphoreSlim slots, RangeHasherFactory hasher, DownloadObserver observer)
    {
        _client = client;
        _options = options;
        _staging = staging;
        _slots = slots;
        _hasher = hasher;
        _observer = observer;
    }

    private StoragePipeline Pipeline => _client.Pipeline;

    public async Task<DownloadFileResult> FetchAsync(int index, Crc64ManifestEntry entry, string key, string source, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string staged = _staging.StagedPath(entry.Path);
        if (File.Exists(staged))
        {
            // Verified by an interrupted earlier run: hashed again from disk, like any resumed byte.
            if (await MatchesOnDiskAsync(staged, entry, cancellationToken).ConfigureAwait(false))
            {
                CrcHeaderState header = await HeadStateAsync(entry, key, cancellationToken).ConfigureAwait(false);
                return new DownloadFileResult(entry.Path, source, entry.Length, entry.Crc64, false, header, 0, 0, clock.Elapsed);
            }

            File.Delete(staged);
        }

        string partial = _staging.PartialPath(index);
        var head = new byte[4];
        FetchOutcome outcome = entry.Length <= _options.RangeSize
            ? await FetchWholeAsync(entry, key, partial, head, cancellationToken).ConfigureAwait(false)
            : await FetchRangedAsync(index, entry, key, partial, head, clock, cancellationToken).ConfigureAwait(false);

        if (outcome.Header == CrcHeaderState.Missing)
        {
            MissingHeader(entry, key, outcome.RequestId);
        }

        Promote(partial, staged, head);
        return new DownloadFileResult(entry.Path, source, entry.Length, entry.Crc64, false, outcome.Header, outcome.Ranges, outcome.ResumedRanges, clock.Elapsed);
    }

    private void MissingHeader(Crc64ManifestEntry entry, string key, string? requestId)
    {
        var error = new ObjectStorageException(DownloadErrorCodes.NoCrcHeader,
            $"{Pipeline.ProviderName} answered without a CRC-64 header for '{entry.Path}', so only the manifest vouches for it",
            _options.RequireServerChecksum
                ? "A CDN or proxy may strip the header, and copied or old objects may have none. Drop --require-crc-header to accept files verified by the manifest alone."
                : "The file was verified by hashing it against the manifest; the service offered no second opinion.")
        {
            FilePath = entry.Path, ObjectKey = key, LocalCrc = entry.Crc64, RequestId = requestId,
        };
        if (_options.RequireServerChecksum)
        {
            throw error;
        }

        _observer.OnWarning(error.Code, error.Message);
    }

    private async Task<FetchOutcome> FetchWholeAsync(Crc64ManifestEntry entry, string key, string partial, byte[] head, CancellationToken cancellationToken)
    {
        var spec = new RequestSpec("GET", HttpMethod.Get, key) { FilePath = entry.Path };
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Pipeline.SendAsync(spec, async (response, token) =>
            {
                CrcHeaderState header = CheckObjectHeaders(spec, response, entry, response.ContentLength);
                using PartialFile file = PartialFile.Create(partial);
                IRangeHasher hasher = _hasher(entry.Path, 0, entry.Length);
                long received = await CopyAsync(response, file, 0, entry.Length, hasher, head, null, token).ConfigureAwait(false);
                CheckComplete(spec, response, entry, received, entry.Length);
                if (hasher.Crc != entry.Crc64)
                {
                    throw ContentMismatch(spec, response, entry, hasher.Crc);
                }

                return new FetchOutcome(header, 0, 0, response.RequestId);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<FetchOutcome> FetchRangedAsync(
        int index, Crc64ManifestEntry entry, string key, string partial, byte[] head, Stopwatch clock, CancellationToken cancellationToken)
    {
        ObjectStorageException? last = null;
        for (int attempt = 1; attempt <= Pipeline.Retry.MaxAttempts; attempt++)
        {
            (CrcHeaderState header, string? etag, string? requestId) = await HeadAsync(entry, key, cancellationToken).ConfigureAwait(false);
            FileResume? resume = _staging.Journal.Find(index);
            bool resuming = resume is not null && etag is not null && resume.ETag == etag && resume.Length == entry.Length &&
                            resume.RangeSize == _options.RangeSize && File.Exists(partial);
            if (!resuming)
            {
                if (File.Exists(partial))
                {
                    File.Delete(partial);
                }

                // Without an ETag nothing proves a later run reads the same object: such a file is never resumed.
                _staging.Journal.StartFile(index, etag ?? "", entry.Length, _options.RangeSize);
                resume = _staging.Journal.Find(index);
            }

            try
            {
                (ulong crc, int ranges, int resumed) = await FetchRangesAsync(index, entry, key, partial, etag, resuming ? resume!.Done.ToArray() : Array.Empty<int>(),
                    head, clock, cancellationToken).ConfigureAwait(false);
                if (crc == entry.Crc64)
                {
                    return new FetchOutcome(header, ranges, resumed, requestId);
                }

                last = new ObjectStorageException(DownloadErrorCodes.ContentMismatch,
                    $"The bytes received for '{entry.Path}' hash to another CRC-64 than the manifest's, on every one of {attempt} attempts",
                    "The bytes were damaged on the way (proxy, network, disk) or the object differs from the release. Run again; if it persists, run 'crc64xz audit' on the release.")
                {
                    FilePath = entry.Path, ObjectKey = key, LocalCrc = crc, RemoteCrc = entry.Crc64, RequestId = requestId,
                };
                Report(key, "file", $"CRC-64 mismatch after joining the ranges (got {Crc64XzFormat.ToDecimalString(crc)}, manifest {Crc64XzFormat.ToDecimalString(entry.Crc64)})", attempt);
            }
            catch (ObjectChangedException changed)
            {
                last = new ObjectStorageException(DownloadErrorCodes.ObjectReplaced,
                    $"'{entry.Path}' changed in the bucket while it was being downloaded (If-Match refused), on every one of {attempt} attempts",
                    "Somebody is writing to this release's prefix. Releases are immutable once their manifest exists: find who overwrites it, then run again.")
                {
                    FilePath = entry.Path, ObjectKey = key, HttpStatus = 412, RequestId = changed.RequestId,
                };
                Report(key, "file", "the object changed between requests (HTTP 412)", attempt);
            }
            catch (RangeIgnoredException)
            {
                // A server (a CDN, or OSS without standard range behaviour) that ignores Range sends the whole
                // object to every range request; one whole GET is then the honest way.
                _staging.Journal.Reset(index);
                return await FetchWholeAsync(entry, key, partial, head, cancellationToken).ConfigureAwait(false);
            }

            // Nothing of this attempt is trusted again: not its bytes, not its record.
            _staging.Journal.Reset(index);
            File.Delete(partial);
            if (attempt < Pipeline.Retry.MaxAttempts)
            {
                await Pipeline.Retry.Delay(Pipeline.Retry.ComputeDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        throw last!;
    }

    private async Task<(ulong Crc, int Ranges, int Resumed)> FetchRangesAsync(
        int index, Crc64ManifestEntry entry, string key, string partial, string? etag, int[] done, byte[] head, Stopwatch clock, CancellationToken cancellationToken)
    {
        long rangeSize = _options.RangeSize;
        int count = checked((int)((entry.Length + rangeSize - 1) / rangeSize));
        var crcs = new ulong[count];
        var doneSet = new System.Collections.Generic.HashSet<int>(done.Where(d => d >= 0 && d < count));
        var progress = new Progress(entry.Path, entry.Length, clock, _options.ProgressInterval, _observer);
        using PartialFile file = PartialFile.OpenForRanges(partial, entry.Length);
        int next = -1;
        await ParallelWorkers.RunAsync(Math.Min(_options.Parallelism, count), async token =>
        {
            int range;
            while ((range = Interlocked.Increment(ref next)) < count)
            {
                long start = range * rangeSize;
                long length = Math.Min(rangeSize, entry.Length - start);
                if (doneSet.Contains(range))
                {
                    crcs[range] = HashFromDisk(file, entry.Path, start, length, head);
                    progress.Add(length);
                }
                else
                {
                    crcs[range] = await FetchRangeAsync(entry, key, file, etag, start, length, head, progress, token).ConfigureAwait(false);
                    _staging.Journal.RangeDone(index, range);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        ulong combined = 0;
        for (int i = 0; i < count; i++)
        {
            combined = Crc64Xz.Combine(combined, crcs[i], Math.Min(rangeSize, entry.Length - (i * rangeSize)));
        }

        return (combined, count, doneSet.Count);
    }

    private async Task<ulong> FetchRangeAsync(
        Crc64ManifestEntry entry, string key, PartialFile file, string? etag, long start, long length, byte[] head, Progress progress, CancellationToken cancellationToken)
    {
        long end = start + length - 1;
        var spec = new RequestSpec("range " + start.ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture), HttpMethod.Get, key)
        {
            FilePath = entry.Path,
            AllowPreconditionFailed = true,
        };
        spec.WithHeader("Range", "bytes=" + start.ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture));
        if (etag is not null)
        {
            spec.WithHeader("If-Match", etag);
        }

        if (_client.Profile.SendsOssRangeBehavior)
        {
            spec.WithHeader("x-oss-range-behavior", "standard");
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Pipeline.SendAsync(spec, async (response, token) =>
            {
                if (response.Status == 412)
                {
                    throw new ObjectChangedException(response.RequestId);
                }

                if (response.Status != 206)
                {
                    throw new RangeIgnoredException();
                }

                CheckContentRange(spec, response, entry, start, end);

                // A ranged answer's CRC header is the WHOLE object's (never the range's): it must still be the release's.
                CheckCrcHeader(spec, response, entry);
                IRangeHasher hasher = _hasher(entry.Path, start, length);
                long received = await CopyAsync(response, file, start, length, hasher, head, progress, token).ConfigureAwait(false);
                CheckComplete(spec, response, entry, received, length);
                return hasher.Crc;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>HEAD before ranges: the object must have the manifest's length and (if it says) CRC; its ETag guards the ranges.</summary>
    private async Task<(CrcHeaderState Header, string? ETag, string? RequestId)> HeadAsync(Crc64ManifestEntry entry, string key, CancellationToken cancellationToken)
    {
        var spec = new RequestSpec("HEAD", HttpMethod.Head, key) { FilePath = entry.Path, AllowNotFound = true };
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Pipeline.SendAsync(spec, (response, token) =>
            {
                if (response.Status == 404)
                {
                    throw Missing(spec, response, entry);
                }

                long? length = long.TryParse(response.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out long l) ? l : null;
                CrcHeaderState header = CheckObjectHeaders(spec, response, entry, length);
                return Task.FromResult((header, response.Header("ETag"), response.RequestId));
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<CrcHeaderState> HeadStateAsync(Crc64ManifestEntry entry, string key, CancellationToken cancellationToken) =>
        (await HeadAsync(entry, key, cancellationToken).ConfigureAwait(false)).Header;

    /// <summary>Length and CRC header of the whole object against the manifest; a difference is retried (it may be a
    /// bad answer) and, if it persists, is the bucket holding another object than the release recorded.</summary>
    private CrcHeaderState CheckObjectHeaders(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry, long? length)
    {
        if (length is long actual && actual != entry.Length)
        {
            var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
            throw new RetryableFailure($"the object is {actual} bytes, the manifest says {entry.Length}",
                StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.LengthDiffers,
                    $"'{entry.Path}' is {actual} bytes in the bucket, but the manifest says {entry.Length}: the bucket holds another object than the release recorded",
                    "The object was replaced or damaged after the release was uploaded. Upload the release again (or restore the object), then run again."));
        }

        return CheckCrcHeader(spec, response, entry);
    }

    private CrcHeaderState CheckCrcHeader(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry)
    {
        var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
        ulong? crc = _client.ReadCrc(spec, buffered);
        if (crc is null)
        {
            return CrcHeaderState.Missing;
        }

        if (crc != entry.Crc64)
        {
            throw new RetryableFailure($"the CRC-64 header says {Crc64XzFormat.ToDecimalString(crc.Value)}, the manifest {Crc64XzFormat.ToDecimalString(entry.Crc64)}",
                StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.CrcHeaderDiffers,
                    $"The service's CRC-64 header for '{entry.Path}' differs from the manifest: the bucket holds another object than the release recorded",
                    "The object was replaced after the release was uploaded (same key, other bytes). Upload the release again (or restore the object), then run again.",
                    entry.Crc64, crc));
        }

        return CrcHeaderState.Matched;
    }

    private static void CheckContentRange(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry, long start, long end)
    {
        string expected = "bytes " + start.ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture) + "/" +
                          entry.Length.ToString(CultureInfo.InvariantCulture);
        string? actual = response.Header("Content-Range");
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
            throw new RetryableFailure($"Content-Range is '{actual}', expected '{expected}'",
                StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.LengthDiffers,
                    $"The ranged answer for '{entry.Path}' is '{actual}' instead of '{expected}': the object's length differs from the manifest",
                    "The object was replaced after the release was uploaded. Upload the release again, then run again."));
        }
    }

    private static void CheckComplete(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry, long received, long expected)
    {
        if (received != expected)
        {
            var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
            throw new RetryableFailure($"the body ended after {received} of {expected} bytes",
                StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.TransientFailuresExhausted,
                    $"Every answer for '{entry.Path}' ended early ({received} of {expected} bytes)",
                    ServiceErrorMap.TransientAdvice(StorageSide.Download)));
        }
    }

    private static RetryableFailure ContentMismatch(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry, ulong actual)
    {
        var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
        return new RetryableFailure($"CRC-64 mismatch (received {Crc64XzFormat.ToDecimalString(actual)}, manifest {Crc64XzFormat.ToDecimalString(entry.Crc64)})",
            StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.ContentMismatch,
                $"The bytes received for '{entry.Path}' hash to another CRC-64 than the manifest's, on every attempt",
                "The bytes were damaged on the way (proxy, network, disk) or the object differs from the release. Run again; if it persists, run 'crc64xz audit' on the release.",
                actual, entry.Crc64));
    }

    private static ObjectStorageException Missing(RequestSpec spec, StreamingResponse response, Crc64ManifestEntry entry)
    {
        var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
        return StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.ObjectMissing,
            $"'{entry.Path}' is listed in the manifest but its object is not in the bucket",
            "The release is incomplete or an object was deleted after it was uploaded. Upload the release again, then run again.");
    }

    /// <summary>Streams the body to the file at <paramref name="offset"/>, hashing each block before it is written.</summary>
    private async Task<long> CopyAsync(
        StreamingResponse response, PartialFile file, long offset, long expected, IRangeHasher hasher, byte[] head, Progress? progress, CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
        try
        {
            long received = 0;
            while (true)
            {
                int filled = 0;
                int read;
                int want = (int)Math.Min(buffer.Length, Math.Max(1, expected - received));
                while (filled < want && (read = await response.ReadBodyAsync(buffer, filled, want - filled).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }

                if (filled == 0)
                {
                    return received;
                }

                if (received + filled > expected)
                {
                    return received + filled; // more than asked for: CheckComplete refuses it
                }

                var block = new ReadOnlySpan<byte>(buffer, 0, filled);
                hasher.Append(block);
                file.Write(offset + received, block);
                if (offset + received == 0 && filled >= head.Length)
                {
                    block.Slice(0, head.Length).CopyTo(head);
                }

                received += filled;
                progress?.Add(filled);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ulong HashFromDisk(PartialFile file, string path, long start, long length, byte[] head)
    {
        IRangeHasher hasher = _hasher(path, start, length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
        try
        {
            for (long done = 0; done < length;)
            {
                int read = file.Read(start + done, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done)));
                if (read == 0)
                {
                    break; // a shorter file than recorded: the joined CRC will say so
                }

                hasher.Append(buffer.AsSpan(0, read));
                if (start + done == 0 && read >= head.Length)
                {
                    buffer.AsSpan(0, head.Length).CopyTo(head);
                }

                done += read;
            }

            return hasher.Crc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> MatchesOnDiskAsync(string path, Crc64ManifestEntry entry, CancellationToken cancellationToken) =>
        new FileInfo(path).Length == entry.Length &&
        (await Crc64Xz.HashFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Crc == entry.Crc64;

    /// <summary>Gives the verified file its real name in the staged tree (and, for a program, the execute bit).</summary>
    private static void Promote(string partial, string staged, byte[] head)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
            if (File.Exists(staged))
            {
                File.Delete(staged);
            }

            File.Move(partial, staged);
            ExecutableBit.ApplyIfProgram(staged, head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StagingArea.NotWritable(staged, e);
        }
    }

    private void Report(string key, string operation, string reason, int attempt) =>
        _observer.OnRetry(new DownloadRetry(key, operation, reason, attempt, TimeSpan.Zero));

    private sealed record FetchOutcome(CrcHeaderState Header, int Ranges, int ResumedRanges, string? RequestId);

    private sealed class ObjectChangedException(string? requestId) : Exception("The object changed between requests.")
    {
        public string? RequestId { get; } = requestId;
    }

    private sealed class RangeIgnoredException() : Exception("The server ignored the Range header.");

    /// <summary>Bytes done of one large file, reported at most once per interval.</summary>
    private sealed class Progress(string path, long total, Stopwatch clock, TimeSpan interval, DownloadObserver observer)
    {
        private long _done;
        private long _lastReportTicks;

        public void Add(long bytes)
        {
            long done = Interlocked.Add(ref _done, bytes);
            long now = clock.Elapsed.Ticks;
            long last = Volatile.Read(ref _lastReportTicks);
            if (now - last >= interval.Ticks && Interlocked.CompareExchange(ref _lastReportTicks, now, last) == last)
            {
                observer.OnProgress(new DownloadProgress(path, done, total, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-6)));
            }
        }
    }
}
