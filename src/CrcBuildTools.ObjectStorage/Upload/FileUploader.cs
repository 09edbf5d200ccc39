using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage.Http;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Uploads one file and proves it arrived: single PUT up to the threshold, multipart above it. Every byte is read
/// from disk once into a pooled buffer, hashed, and sent from that same buffer; retries resend the buffer.
/// </summary>
internal sealed class FileUploader
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(30);

    // After Ctrl+C or SIGTERM the user waits, and docker stop sends SIGKILL 10 s after SIGTERM: aborts get little time.
    private static readonly TimeSpan AbortTimeoutAfterCancel = TimeSpan.FromSeconds(5);

    private readonly ObjectStorageClient _client;
    private readonly ObjectStorageOptions _options;
    private readonly BufferSlots _slots;
    private readonly UploadObserver _observer;
    private readonly string _markerPrefix;
    private readonly ResumableUploads _resumable;
    private readonly PartHasher _hasher;

    /// <param name="client">The connection.</param>
    /// <param name="slots">The part buffers.</param>
    /// <param name="observer">Receives events.</param>
    /// <param name="markerPrefix">The normalized release prefix under which multipart uploads are marked (see <see cref="UploadMarker"/>).</param>
    /// <param name="resumable">Uploads of a killed run that may be continued (OSS only).</param>
    /// <param name="hasher">Hashes each part as it is read (the engine; a benchmark injects precomputed CRCs).</param>
    public FileUploader(ObjectStorageClient client, BufferSlots slots, UploadObserver observer, string markerPrefix, ResumableUploads resumable, PartHasher hasher)
    {
        _resumable = resumable;
        _client = client;
        _options = client.Options;
        _slots = slots;
        _observer = observer;
        _markerPrefix = markerPrefix;
        _hasher = hasher;
    }

    public Task<UploadFileResult> UploadAsync(string path, string key, long length, ulong? expectedCrc, CancellationToken cancellationToken) =>
        length > _options.MultipartThreshold
            ? UploadMultipartAsync(path, key, length, expectedCrc, cancellationToken)
            : UploadSingleAsync(path, key, length, expectedCrc, cancellationToken);

    private async Task<UploadFileResult> UploadSingleAsync(string path, string key, long length, ulong? expectedCrc, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using BufferSlots.Lease lease = await _slots.RentAsync(checked((int)length), cancellationToken).ConfigureAwait(false);
        LocalFileReader.ReadExactly(path, 0, lease.Buffer, lease.Size, key);
        ulong localCrc = _hasher(path, 0, lease.Buffer.AsSpan(0, lease.Size));
        CheckAgainstManifest(path, key, expectedCrc, localCrc);

        return await PutVerifiedAsync(path, key, lease.Segment, localCrc, clock, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a small document made in memory (a channel pointer), verified like every object. <paramref name="label"/>
    /// names it in messages where a file path would stand.
    /// </summary>
    public Task<UploadFileResult> UploadBytesAsync(string label, string key, byte[] body, string? cacheControl, CancellationToken cancellationToken) =>
        PutVerifiedAsync(label, key, new ArraySegment<byte>(body), Crc64Xz.Hash(body), Stopwatch.StartNew(), cacheControl, cancellationToken);

    /// <summary>One PUT, checked against the CRC header; a mismatch is retried, a missing header is CRC3033.</summary>
    private async Task<UploadFileResult> PutVerifiedAsync(
        string path, string key, ArraySegment<byte> body, ulong localCrc, Stopwatch clock, string? cacheControl, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            ObjectWriteResult result = await _client.PutObjectAsync(key, body, cancellationToken, cacheControl).ConfigureAwait(false);
            switch (Compare(result.Crc64, localCrc))
            {
                case Verdict.Match:
                    return new UploadFileResult(path, key, body.Count, localCrc, false, 0, true, clock.Elapsed);
                case Verdict.Missing:
                    MissingChecksum(path, key, "PUT", null, localCrc, result.RequestId);
                    return new UploadFileResult(path, key, body.Count, localCrc, false, 0, false, clock.Elapsed);
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw Mismatch(StorageErrorCodes.ObjectCrcMismatch, "the object", path, key, null, localCrc, result, attempt);
            }

            await RetryAfterMismatchAsync(key, "PUT", localCrc, result.Crc64, attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<UploadFileResult> UploadMultipartAsync(string path, string key, long length, ulong? expectedCrc, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long partSize = PartPlanner.PartSize(length, _options.PartSize);
        int partCount = PartPlanner.PartCount(length, partSize);
        if (partCount > ObjectStorageOptions.MaxPartCount)
        {
            throw new ObjectStorageException(StorageErrorCodes.InvalidTuning,
                $"The file is {length} bytes: more than 10,000 parts of {ObjectStorageOptions.MaxPartSize} bytes",
                "Files this large cannot be uploaded by this tool; split them.") { FilePath = path, ObjectKey = key };
        }

        for (int attempt = 1; ; attempt++)
        {
            MultipartOutcome outcome = await RunMultipartOnceAsync(path, key, length, partSize, partCount, expectedCrc, clock, cancellationToken)
                .ConfigureAwait(false);
            if (outcome.Verdict == Verdict.Match)
            {
                // The service's whole-object CRC equals the fold of the local part CRCs: that proves every byte,
                // even if some part answers lacked their header (already warned about).
                return new UploadFileResult(path, key, length, outcome.CombinedCrc, false, partCount, true, clock.Elapsed);
            }

            if (outcome.Verdict == Verdict.Missing)
            {
                MissingChecksum(path, key, "complete (and HEAD)", null, outcome.CombinedCrc, outcome.Result.RequestId);
                return new UploadFileResult(path, key, length, outcome.CombinedCrc, false, partCount, false, clock.Elapsed);
            }

            // The whole object is wrong although every part was right: only a fresh upload can repair it.
            if (attempt >= _options.MaxAttempts)
            {
                throw Mismatch(StorageErrorCodes.CompleteCrcMismatch, "the completed object", path, key, null, outcome.CombinedCrc, outcome.Result, attempt);
            }

            await RetryAfterMismatchAsync(key, "complete", outcome.CombinedCrc, outcome.Result.Crc64, attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MultipartOutcome> RunMultipartOnceAsync(
        string path, string key, long length, long partSize, int partCount, ulong? expectedCrc, Stopwatch clock, CancellationToken cancellationToken)
    {
        (string UploadId, Dictionary<int, MultipartPart> Parts)? earlier = await ContinueEarlierUploadAsync(key, cancellationToken).ConfigureAwait(false);
        string uploadId = earlier?.UploadId ?? await CancellableInitiate.InitiateAsync(_client, _observer, key, cancellationToken).ConfigureAwait(false);
        Dictionary<int, MultipartPart> listed = earlier?.Parts ?? new Dictionary<int, MultipartPart>();
        string markerKey = UploadMarker.KeyFor(_markerPrefix, uploadId);
        bool completed = false;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Marked as ours before any part is sent: if this process is killed, the next run aborts exactly this upload.
            if (earlier is null)
            {
                byte[] marker = new UploadMarker(key, uploadId, length, partSize, expectedCrc).ToBytes();
                await UploadBytesAsync("unfinished-upload mark of '" + key + "'", markerKey, marker, null, cancellationToken).ConfigureAwait(false);
            }
            var parts = new MultipartPart[partCount];
            var state = new PartProgress(key, length, clock, _options.ProgressInterval);
            int nextPart = 0;

            // One failed part makes the whole upload fail: the others are stopped instead of finished.
            await ParallelWorkers.RunAsync(Math.Min(_options.Parallelism, partCount), async token =>
            {
                int number;
                while ((number = Interlocked.Increment(ref nextPart)) <= partCount)
                {
                    long offset = (number - 1) * partSize;
                    int size = (int)Math.Min(partSize, length - offset);
                    listed.TryGetValue(number, out MultipartPart? earlierPart);
                    parts[number - 1] = await UploadPartAsync(path, key, uploadId, number, offset, size, state, earlierPart, token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);

            if (earlier is not null)
            {
                _observer.OnNotice(StorageErrorCodes.EarlierUploadResumed,
                    $"Continued multipart upload '{uploadId}' of '{key}', left unfinished by an earlier run that was killed: " +
                    $"{state.Reused} of {partCount} parts reused, each verified by the CRC-64 {_client.ProviderName} lists for it against the bytes read here.");
            }

            ulong combined = parts.Aggregate(0UL, (acc, part) => Crc64Xz.Combine(acc, part.Crc64 ?? 0, part.Length));
            CheckAgainstManifest(path, key, expectedCrc, combined);

            ObjectWriteResult result = await LostCompleteRecovery.CompleteAsync(_client, _observer, key, uploadId, parts, length, combined, cancellationToken)
                .ConfigureAwait(false);
            completed = true;
            await DeleteMarkerQuietlyAsync(markerKey, cancellationToken.IsCancellationRequested).ConfigureAwait(false);

            // Complete carries the header only when every part had one; HEAD is the second witness.
            if (result.Crc64 is null)
            {
                ObjectMetadata? head = await _client.HeadObjectAsync(key, cancellationToken).ConfigureAwait(false);
                result = result with { Crc64 = head?.Crc64 };
            }

            return new MultipartOutcome(Compare(result.Crc64, combined), combined, result);
        }
        catch (Exception) when (!completed)
        {
            bool cancelled = cancellationToken.IsCancellationRequested;
            if (await AbortQuietlyAsync(key, uploadId, cancelled).ConfigureAwait(false))
            {
                await DeleteMarkerQuietlyAsync(markerKey, cancelled).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<MultipartPart> UploadPartAsync(
        string path, string key, string uploadId, int number, long offset, int size, PartProgress progress, MultipartPart? earlier, CancellationToken cancellationToken)
    {
        using BufferSlots.Lease lease = await _slots.RentAsync(size, cancellationToken).ConfigureAwait(false);
        LocalFileReader.ReadExactly(path, offset, lease.Buffer, size, key);
        ulong localCrc = _hasher(path, offset, lease.Buffer.AsSpan(0, size));

        // A part a killed run uploaded is reused only when the CRC the service lists for it is that of these bytes.
        if (earlier is not null && earlier.Length == size && earlier.Crc64 == localCrc && !string.IsNullOrEmpty(earlier.ETag))
        {
            progress.Add(size, _observer);
            progress.CountReused();
            return new MultipartPart(number, earlier.ETag, size, localCrc);
        }

        for (int attempt = 1; ; attempt++)
        {
            ObjectWriteResult result = await _client.UploadPartAsync(key, uploadId, number, lease.Segment, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(result.ETag))
            {
                throw new ObjectStorageException(StorageErrorCodes.MalformedResponse, "Upload Part answered without an ETag",
                    "Check that Crc64UploadEndpoint points at the storage service itself, not at a proxy.")
                {
                    FilePath = path, ObjectKey = key, PartNumber = number, RequestId = result.RequestId,
                };
            }

            Verdict verdict = Compare(result.Crc64, localCrc);
            if (verdict == Verdict.Missing)
            {
                MissingChecksum(path, key, "part", number, localCrc, result.RequestId);
            }

            if (verdict != Verdict.Mismatch)
            {
                progress.Add(size, _observer);
                return new MultipartPart(number, result.ETag!, size, localCrc);
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw Mismatch(StorageErrorCodes.PartCrcMismatch, "a part", path, key, number, localCrc, result, attempt);
            }

            await RetryAfterMismatchAsync(key, "part " + number.ToString(CultureInfo.InvariantCulture), localCrc, result.Crc64, attempt, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The earlier upload of <paramref name="key"/> to continue and the parts it lists, or null to start afresh (none,
    /// or the service no longer knows it).
    /// </summary>
    private async Task<(string UploadId, Dictionary<int, MultipartPart> Parts)?> ContinueEarlierUploadAsync(string key, CancellationToken cancellationToken)
    {
        UploadMarker? earlier = _resumable.TryTake(key);
        if (earlier is null)
        {
            return null;
        }

        IReadOnlyList<MultipartPart> listed;
        try
        {
            listed = await _client.ListPartsAsync(key, earlier.UploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStorageException e) when (e.ServiceErrorCode == "NoSuchUpload")
        {
            await DeleteMarkerQuietlyAsync(UploadMarker.KeyFor(_markerPrefix, earlier.UploadId), cancelled: false).ConfigureAwait(false);
            return null;
        }

        // Parts without a listed CRC are never reused: they are uploaded again.
        var parts = listed.Where(p => p.Crc64 is not null).GroupBy(p => p.PartNumber).ToDictionary(g => g.Key, g => g.First());
        return (earlier.UploadId, parts);
    }

    /// <summary>Aborts the earlier uploads that no file of this release continued.</summary>
    public async Task AbortUnresumedAsync(CancellationToken cancellationToken)
    {
        foreach (UploadMarker marker in _resumable.Remaining.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_resumable.TryTake(marker.ObjectKey) is not null && await AbortQuietlyAsync(marker.ObjectKey, marker.UploadId, cancelled: false).ConfigureAwait(false))
            {
                await DeleteMarkerQuietlyAsync(UploadMarker.KeyFor(_markerPrefix, marker.UploadId), cancelled: false).ConfigureAwait(false);
                _observer.OnNotice(StorageErrorCodes.EarlierUploadAborted,
                    $"Aborted multipart upload '{marker.UploadId}' of '{marker.ObjectKey}', left unfinished by an earlier run that was killed; " +
                    "this release did not need it.");
            }
        }
    }

    /// <summary>Aborts; true when the upload is gone. A failure is warning CRC3051, and the mark stays for the next run.</summary>
    private async Task<bool> AbortQuietlyAsync(string key, string uploadId, bool cancelled)
    {
        // The caller's token may be the reason we are here, so the abort gets its own deadline, a short one after a cancel.
        using var deadline = new CancellationTokenSource(cancelled ? AbortTimeoutAfterCancel : AbortTimeout);
        try
        {
            await _client.AbortMultipartUploadAsync(key, uploadId, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ObjectStorageException or OperationCanceledException)
        {
            _observer.OnWarning(StorageErrorCodes.AbortFailed,
                $"Could not abort multipart upload '{uploadId}' of '{key}' ({e.Message}). " +
                "Its parts may remain and be billed: the next upload to this prefix aborts it, 'crc64xz cleanup' can too, and a lifecycle rule for incomplete uploads is the last net.");
            return false;
        }
    }

    /// <summary>Deletes the mark of an upload that is completed or aborted; a failure only leaves work for the next run.</summary>
    private async Task DeleteMarkerQuietlyAsync(string markerKey, bool cancelled)
    {
        using var deadline = new CancellationTokenSource(cancelled ? AbortTimeoutAfterCancel : AbortTimeout);
        try
        {
            await _client.DeleteObjectAsync(markerKey, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectStorageException or OperationCanceledException)
        {
            _observer.OnWarning(StorageErrorCodes.UnfinishedUploadMarkerProblem,
                $"Could not delete the unfinished-upload mark '{markerKey}' ({e.Message}); the next upload to this prefix removes it.");
        }
    }

    private static Verdict Compare(ulong? remote, ulong local) =>
        remote is null ? Verdict.Missing : remote == local ? Verdict.Match : Verdict.Mismatch;

    private async Task RetryAfterMismatchAsync(string key, string operation, ulong local, ulong? remote, int attempt, CancellationToken cancellationToken)
    {
        TimeSpan delay = _client.Retry.ComputeDelay(attempt);
        _observer.OnRetry(new UploadRetry(key, operation,
            $"CRC-64 mismatch (local {Crc64XzFormat.ToDecimalString(local)}, remote {(remote is ulong r ? Crc64XzFormat.ToDecimalString(r) : "none")})",
            attempt, delay));
        await _client.Retry.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckAgainstManifest(string path, string key, ulong? expectedCrc, ulong actualCrc)
    {
        if (expectedCrc is ulong expected && expected != actualCrc)
        {
            throw new ObjectStorageException(StorageErrorCodes.LocalFileChanged,
                "The file's CRC-64 differs from the manifest: it changed after the manifest was written",
                "Something modified the publish folder after the manifest was written. Publish again from a clean folder.")
            {
                FilePath = path, ObjectKey = key, LocalCrc = actualCrc, RemoteCrc = null,
            };
        }
    }

    private void MissingChecksum(string path, string key, string operation, int? part, ulong localCrc, string? requestId)
    {
        var error = new ObjectStorageException(StorageErrorCodes.MissingServerChecksum,
            $"{_client.ProviderName} answered {operation} without the {_client.CrcHeaderName} header, so the upload cannot be verified",
            _options.RequireServerChecksum
                ? "Check that the endpoint is the storage service (a proxy may strip headers). To accept unverified objects, set Crc64UploadRequireServerChecksum=false."
                : "The object was uploaded but NOT verified by CRC-64 (Crc64UploadRequireServerChecksum=false).")
        {
            FilePath = path, ObjectKey = key, PartNumber = part, LocalCrc = localCrc, RequestId = requestId,
        };
        if (_options.RequireServerChecksum)
        {
            throw error;
        }

        _observer.OnWarning(error.Code, error.Message);
    }

    private ObjectStorageException Mismatch(
        string code, string what, string path, string key, int? part, ulong localCrc, ObjectWriteResult result, int attempts) =>
        new(code, $"The CRC-64 {_client.ProviderName} computed for {what} differs from the local one on every one of {attempts} attempts",
            "The bytes were damaged between this computer and the service (proxy, network, or disk). Publish again; if it persists, give the request id to the service's support.")
        {
            FilePath = path, ObjectKey = key, PartNumber = part, LocalCrc = localCrc, RemoteCrc = result.Crc64, RequestId = result.RequestId,
        };

    private enum Verdict
    {
        Match,
        Missing,
        Mismatch,
    }

    private sealed record MultipartOutcome(Verdict Verdict, ulong CombinedCrc, ObjectWriteResult Result);

    /// <summary>Bytes done of one multipart file, reported at most once per interval.</summary>
    private sealed class PartProgress
    {
        private readonly string _key;
        private readonly long _total;
        private readonly Stopwatch _clock;
        private readonly TimeSpan _interval;
        private long _done;
        private long _lastReportTicks;
        private int _reused;

        public PartProgress(string key, long total, Stopwatch clock, TimeSpan interval)
        {
            _key = key;
            _total = total;
            _clock = clock;
            _interval = interval;
        }

        /// <summary>Parts of a killed run's upload that were verified and reused.</summary>
        public int Reused => Volatile.Read(ref _reused);

        public void CountReused() => Interlocked.Increment(ref _reused);

        public void Add(long bytes, UploadObserver observer)
        {
            long done = Interlocked.Add(ref _done, bytes);
            long now = _clock.Elapsed.Ticks;
            long last = Volatile.Read(ref _lastReportTicks);
            if (now - last >= _interval.Ticks && Interlocked.CompareExchange(ref _lastReportTicks, now, last) == last)
            {
                double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-6);
                observer.OnProgress(new UploadProgress(_key, done, _total, done / seconds));
            }
        }
    }
}
