using System;
using System.Diagnostics;
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

    private readonly ObjectStorageClient _client;
    private readonly ObjectStorageOptions _options;
    private readonly BufferSlots _slots;
    private readonly UploadObserver _observer;
    private readonly PartHasher _hasher;

    public FileUploader(ObjectStorageClient client, BufferSlots slots, UploadObserver observer, PartHasher hasher)
    {
        _client = client;
        _options = client.Options;
        _slots = slots;
        _observer = observer;
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
        // Initiate is not cancelled half-way: a cancelled initiate may still create the upload on the service, and
        // without its id we could not abort it. It is one small request; cancellation is honoured right after.
        string uploadId = await _client.InitiateMultipartUploadAsync(key, CancellationToken.None).ConfigureAwait(false);
        bool completed = false;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                    parts[number - 1] = await UploadPartAsync(path, key, uploadId, number, offset, size, state, token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);

            ulong combined = parts.Aggregate(0UL, (acc, part) => Crc64Xz.Combine(acc, part.Crc64 ?? 0, part.Length));
            CheckAgainstManifest(path, key, expectedCrc, combined);

            ObjectWriteResult result = await _client.CompleteMultipartUploadAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
            completed = true;

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
            await AbortQuietlyAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<MultipartPart> UploadPartAsync(
        string path, string key, string uploadId, int number, long offset, int size, PartProgress progress, CancellationToken cancellationToken)
    {
        using BufferSlots.Lease lease = await _slots.RentAsync(size, cancellationToken).ConfigureAwait(false);
        LocalFileReader.ReadExactly(path, offset, lease.Buffer, size, key);
        ulong localCrc = _hasher(path, offset, lease.Buffer.AsSpan(0, size));
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

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        // The caller's token may be the reason we are here, so the abort gets its own short deadline.
        using var deadline = new CancellationTokenSource(AbortTimeout);
        try
        {
            await _client.AbortMultipartUploadAsync(key, uploadId, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectStorageException or OperationCanceledException)
        {
            _observer.OnWarning(StorageErrorCodes.AbortFailed,
                $"Could not abort multipart upload '{uploadId}' of '{key}' ({e.Message}). " +
                "Its parts may remain and be billed: abort it in the console or set a lifecycle rule for incomplete uploads.");
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

        public PartProgress(string key, long total, Stopwatch clock, TimeSpan interval)
        {
            _key = key;
            _total = total;
            _clock = clock;
            _interval = interval;
        }

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
