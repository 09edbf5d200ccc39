using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage.Xml;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// The retry loop over the transport, the one every operation goes through, upload and download alike: send once,
/// classify the answer (success, transient, final), wait as the <see cref="RetryPolicy"/> says (a Retry-After
/// wins), and map a final answer to a coded <see cref="ObjectStorageException"/> through <see cref="ServiceErrorMap"/>.
/// A reader given to <see cref="SendAsync{T}"/> consumes the body inside the attempt, so a body cut off half-way is
/// retried like a reset connection.
/// </summary>
internal sealed class StoragePipeline : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    public StoragePipeline(SignedTransport transport, RetryPolicy retry, StorageSide side)
    {
        Transport = transport;
        Retry = retry;
        Side = side;
    }

    public SignedTransport Transport { get; }

    public RetryPolicy Retry { get; }

    public StorageSide Side { get; }

    public string ProviderName => Transport.Profile.DisplayName;

    /// <summary>Told about every retry before its wait.</summary>
    public Action<RetryNotice>? RetryReported { get; set; }

    /// <summary>Sends and reads the whole answer; a 200 with an error body fails where the spec says it must.</summary>
    public Task<StorageResponse> SendAsync(RequestSpec spec, CancellationToken cancellationToken) =>
        SendAsync(spec, async (response, token) =>
        {
            byte[] body = await ReadBoundedAsync(response, int.MaxValue).ConfigureAwait(false);
            if (spec.ErrorBodyMeansFailure && response.Status is >= 200 and <= 299 && ServiceError.TryParse(body) is { } error)
            {
                var buffered = new StorageResponse(response.Status, response.Headers, body, response.RequestId);
                throw new RetryableFailure($"HTTP 200 with an <Error> body ({error.Code})",
                    Failure(spec, buffered, error, ServiceErrorMap.CodeFor(FailureKind.ErrorBodyExhausted, Side),
                        $"{ProviderName} answered {spec.Operation} with 200 but the body is an error, on every attempt",
                        "The upload was not completed and has been aborted. Publish again; if it persists, give the request id to the service's support."));
            }

            return new StorageResponse(response.Status, response.Headers, body, response.RequestId);
        }, cancellationToken);

    /// <summary>
    /// Sends until an acceptable answer (2xx, or the 404/412 the spec allows) has been consumed by
    /// <paramref name="read"/>, a final error, or the attempts run out.
    /// </summary>
    public async Task<T> SendAsync<T>(RequestSpec spec, Func<StreamingResponse, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string reason;
            TimeSpan? serverDelay = null;
            StorageResponse? last = null;
            ServiceError? lastError = null;
            ObjectStorageException? final = null;
            try
            {
                using StreamingResponse response = await Transport.SendStreamingAsync(spec, cancellationToken).ConfigureAwait(false);
                if (IsAcceptable(spec, response.Status))
                {
                    return await read(response, response.Token).ConfigureAwait(false);
                }

                byte[] body = await ReadBoundedAsync(response, MaxErrorBodyBytes).ConfigureAwait(false);
                last = new StorageResponse(response.Status, response.Headers, body, response.RequestId);
                lastError = ServiceError.TryParse(body);
                if (!ServiceErrorMap.IsTransient(response.Status))
                {
                    throw MapFinal(spec, last, lastError);
                }

                reason = $"HTTP {response.Status}" + (lastError?.Code is string code ? " " + code : "");
                serverDelay = RetryPolicy.ParseRetryAfter(response.Header("Retry-After"), DateTimeOffset.UtcNow);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                reason = $"no answer within {Transport.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                reason = "connection failed: " + ServiceErrorMap.Flatten(e);
            }
            catch (RetryableFailure e)
            {
                reason = e.Reason;
                final = e.Final;
            }

            if (attempt >= Retry.MaxAttempts)
            {
                throw final ?? Failure(spec, last, lastError, ServiceErrorMap.CodeFor(FailureKind.TransientExhausted, Side),
                    $"{ProviderName} {spec.Operation} failed on every one of {attempt} attempts (last: {reason})",
                    ServiceErrorMap.TransientAdvice(Side));
            }

            TimeSpan delay = Retry.ComputeDelay(attempt, serverDelay);
            RetryReported?.Invoke(new RetryNotice(spec.ObjectKey, spec.Operation, reason, attempt, delay));
            await Retry.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Transport.Dispose();

    /// <summary>An answer the service sent that this client cannot understand.</summary>
    public ObjectStorageException Malformed(RequestSpec spec, StorageResponse? response, string summary) =>
        Failure(spec, response, null, ServiceErrorMap.CodeFor(FailureKind.Malformed, Side),
            summary + (response is null ? "" : " (body starts: " + XmlBody.Excerpt(response.Body) + ")"),
            ServiceErrorMap.MalformedAdvice(Side));

    public static ObjectStorageException Failure(
        RequestSpec spec, StorageResponse? response, ServiceError? error, string code, string summary, string advice,
        ulong? localCrc = null, ulong? remoteCrc = null) =>
        new(code, summary, advice)
        {
            LocalCrc = localCrc,
            RemoteCrc = remoteCrc,
            FilePath = spec.FilePath,
            ObjectKey = spec.ObjectKey,
            PartNumber = spec.PartNumber,
            HttpStatus = response?.Status,
            ServiceErrorCode = error?.Code,
            ServiceMessage = error?.Message,
            RequestId = response?.RequestId ?? error?.RequestId,
        };

    private static bool IsAcceptable(RequestSpec spec, int status) =>
        status is >= 200 and <= 299 || (status == 404 && spec.AllowNotFound) || (status == 412 && spec.AllowPreconditionFailed);

    private ObjectStorageException MapFinal(RequestSpec spec, StorageResponse response, ServiceError? error)
    {
        (FailureKind kind, string reason, string advice) = ServiceErrorMap.Classify(response.Status, error?.Code, Side);
        return Failure(spec, response, error, ServiceErrorMap.CodeFor(kind, Side),
            $"{ProviderName} refused {spec.Operation} with HTTP {response.Status}{reason}", advice);
    }

    private static async Task<byte[]> ReadBoundedAsync(StreamingResponse response, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await response.ReadBodyAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length < limit)
            {
                buffer.Write(chunk, 0, (int)Math.Min(read, limit - buffer.Length));
            }
        }

        response.Token.ThrowIfCancellationRequested();
        return buffer.ToArray();
    }
}
