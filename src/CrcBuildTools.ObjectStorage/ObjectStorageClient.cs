using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using CrcBuildTools.ObjectStorage.Http;
using CrcBuildTools.ObjectStorage.Signing;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// The COS/OSS operations the uploader needs, each signed by hand over <see cref="HttpClient"/>. Transient
/// failures (5xx, 408, 429, SlowDown, timeouts, connection resets) are retried with full-jitter backoff; client
/// errors are not, and surface as <see cref="ObjectStorageException"/> with a code, the vendor's answer and its
/// request id. CRC checks are the caller's business (see <see cref="ReleaseUploader"/>): this class reports the
/// header, it does not judge it.
/// </summary>
public sealed class ObjectStorageClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ObjectStorageOptions _options;
    private readonly StorageCredentials _credentials;
    private readonly ProviderProfile _profile;
    private readonly string _baseUrl;
    private readonly string _hostHeader;

    /// <summary>Creates a client. The options are validated first.</summary>
    /// <param name="options">Where and how to upload.</param>
    /// <param name="credentials">The key pair (see <see cref="StorageCredentials.FromEnvironment"/>).</param>
    /// <exception cref="ObjectStorageException">The options are invalid (CRC3001-CRC3008).</exception>
    public ObjectStorageClient(ObjectStorageOptions options, StorageCredentials credentials)
        : this(options, credentials, handler: null)
    {
    }

    /// <summary>
    /// With a custom HTTP handler (not disposed by the client). Internal so that callers, such as the .NET Framework
    /// MSBuild task, never need System.Net.Http types at compile time.
    /// </summary>
    internal ObjectStorageClient(ObjectStorageOptions options, StorageCredentials credentials, HttpMessageHandler? handler)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        options.EnsureValid();
        _profile = ProviderProfile.For(options);
        BaseUri = StorageEndpoint.Resolve(options);
        _baseUrl = BaseUri.GetLeftPart(UriPartial.Authority);
        _hostHeader = StorageEndpoint.HostHeader(BaseUri);

        // Our own per-attempt timeout replaces HttpClient's, so a timeout is retried rather than fatal.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        Retry = new RetryPolicy(options.MaxAttempts, options.RetryBaseDelay, options.RetryMaxDelay);
    }

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUri { get; }

    /// <summary>The options in use.</summary>
    public ObjectStorageOptions Options => _options;

    /// <summary>The name of the CRC-64 response header of this provider.</summary>
    public string CrcHeaderName => _profile.CrcHeader;

    /// <summary>COS or OSS, for messages.</summary>
    internal string ProviderName => _profile.DisplayName;

    internal RetryPolicy Retry { get; }

    /// <summary>The signing clock; tests move it to check skew handling.</summary>
    internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    internal UploadObserver? Observer { get; set; }

    /// <summary>Uploads an object in one request.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="body">The bytes to send.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>ETag, CRC header and request id.</returns>
    public async Task<ObjectWriteResult> PutObjectAsync(string key, ArraySegment<byte> body, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("PUT", HttpMethod.Put, key) { Body = body };
        return ToWriteResult(spec, await SendAsync(spec, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>HEAD of an object.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>Length, CRC and ETag; null when the object does not exist.</returns>
    public async Task<ObjectMetadata?> HeadObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("HEAD", HttpMethod.Head, key) { AllowNotFound = true };
        StorageResponse response = await SendAsync(spec, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        string? lengthText = response.Header("Content-Length");
        if (lengthText is null || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            throw Malformed(spec, response, "HEAD answered without a valid Content-Length");
        }

        return new ObjectMetadata(length, ReadCrc(spec, response), response.Header("ETag"), response.RequestId);
    }

    /// <summary>Downloads a whole object into memory (for checks and tests; releases are not downloaded).</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The bytes.</returns>
    public async Task<byte[]> GetObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("GET", HttpMethod.Get, key);
        return (await SendAsync(spec, cancellationToken).ConfigureAwait(false)).Body;
    }

    /// <summary>Starts a multipart upload.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The upload id.</returns>
    public async Task<string> InitiateMultipartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("initiate multipart", HttpMethod.Post, key) { Body = new ArraySegment<byte>(Array.Empty<byte>()) };
        spec.Query.Add(new("uploads", null));
        StorageResponse response = await SendAsync(spec, cancellationToken).ConfigureAwait(false);
        string? uploadId = TryReadXml(response.Body, "InitiateMultipartUploadResult", "UploadId");
        return string.IsNullOrEmpty(uploadId)
            ? throw Malformed(spec, response, "Initiate Multipart Upload answered without an UploadId")
            : uploadId!;
    }

    /// <summary>Uploads one part.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="uploadId">From <see cref="InitiateMultipartUploadAsync"/>.</param>
    /// <param name="partNumber">1 to 10,000.</param>
    /// <param name="body">The part's bytes.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The part's ETag, CRC header and request id.</returns>
    public async Task<ObjectWriteResult> UploadPartAsync(
        string key, string uploadId, int partNumber, ArraySegment<byte> body, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("part " + partNumber.ToString(CultureInfo.InvariantCulture), HttpMethod.Put, key)
        {
            Body = body,
            PartNumber = partNumber,
        };
        spec.Query.Add(new("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)));
        spec.Query.Add(new("uploadId", uploadId));
        return ToWriteResult(spec, await SendAsync(spec, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Completes a multipart upload. A COS 200 with an <c>&lt;Error&gt;</c> body is treated as a failure.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="parts">Every part, any order (sent ascending).</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The object's ETag, whole-object CRC header (if any) and request id.</returns>
    public async Task<ObjectWriteResult> CompleteMultipartUploadAsync(
        string key, string uploadId, IEnumerable<MultipartPart> parts, CancellationToken cancellationToken = default)
    {
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        foreach (MultipartPart part in parts.OrderBy(p => p.PartNumber))
        {
            xml.Append("<Part><PartNumber>").Append(part.PartNumber.ToString(CultureInfo.InvariantCulture))
               .Append("</PartNumber><ETag>").Append(SecurityElement.Escape(part.ETag)).Append("</ETag></Part>");
        }

        xml.Append("</CompleteMultipartUpload>");
        var spec = new RequestSpec("complete", HttpMethod.Post, key)
        {
            Body = new ArraySegment<byte>(Encoding.UTF8.GetBytes(xml.ToString())),
            ContentType = "application/xml",
            ErrorBodyMeansFailure = true,
        };
        spec.Query.Add(new("uploadId", uploadId));
        StorageResponse response = await SendAsync(spec, cancellationToken).ConfigureAwait(false);
        string? etag = TryReadXml(response.Body, "CompleteMultipartUploadResult", "ETag") ?? response.Header("ETag");
        return new ObjectWriteResult(etag, ReadCrc(spec, response), response.RequestId);
    }

    /// <summary>Aborts a multipart upload, deleting its parts. An upload that no longer exists is not an error.</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task.</returns>
    public async Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("abort multipart", HttpMethod.Delete, key) { AllowNotFound = true };
        spec.Query.Add(new("uploadId", uploadId));
        await SendAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the parts uploaded so far (first 1,000).</summary>
    /// <param name="key">The full object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The parts, with CRC where the service lists it (OSS).</returns>
    public async Task<IReadOnlyList<MultipartPart>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("list parts", HttpMethod.Get, key);
        spec.Query.Add(new("uploadId", uploadId));
        StorageResponse response = await SendAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            XElement root = ServiceError.ParseXml(response.Body);
            return root.Elements().Where(e => e.Name.LocalName == "Part").Select(part => new MultipartPart(
                int.Parse(ServiceError.Child(part, "PartNumber") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                ServiceError.Child(part, "ETag") ?? "",
                long.Parse(ServiceError.Child(part, "Size") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                ServiceError.Child(part, "HashCrc64ecma") is string crc ? Hashing.Crc64XzFormat.Parse(crc) : null)).ToList();
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            throw Malformed(spec, response, "List Parts answered with a body that is not a ListPartsResult");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private ObjectWriteResult ToWriteResult(RequestSpec spec, StorageResponse response) =>
        new(response.Header("ETag"), ReadCrc(spec, response), response.RequestId);

    private ulong? ReadCrc(RequestSpec spec, StorageResponse response)
    {
        try
        {
            return response.Crc64(_profile.CrcHeader);
        }
        catch (FormatException)
        {
            throw Malformed(spec, response, $"The {_profile.CrcHeader} header is not a CRC-64 value");
        }
    }

    private static string? TryReadXml(byte[] body, string rootName, string childName)
    {
        try
        {
            XElement root = ServiceError.ParseXml(body);
            return root.Name.LocalName == rootName ? ServiceError.Child(root, childName) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="spec"/>, re-signing each attempt, until success, a final error, or the attempts run out.</summary>
    internal async Task<StorageResponse> SendAsync(RequestSpec spec, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string reason;
            StorageResponse? lastResponse = null;
            ServiceError? lastError = null;
            try
            {
                StorageResponse response = await SendOnceAsync(spec, cancellationToken).ConfigureAwait(false);
                lastResponse = response;
                if (response.IsSuccess)
                {
                    if (!spec.ErrorBodyMeansFailure || ServiceError.TryParse(response.Body) is not { } bodyError)
                    {
                        return response;
                    }

                    lastError = bodyError;
                    reason = $"HTTP 200 with an <Error> body ({bodyError.Code})";
                    if (attempt >= Retry.MaxAttempts)
                    {
                        throw Failure(spec, response, bodyError, StorageErrorCodes.CompleteReturnedError,
                            $"{ProviderName} answered {spec.Operation} with 200 but the body is an error, on every one of {attempt} attempts",
                            "The upload was not completed and has been aborted. Publish again; if it persists, give the request id to the service's support.");
                    }
                }
                else if (response.Status == 404 && spec.AllowNotFound)
                {
                    return response;
                }
                else
                {
                    lastError = ServiceError.TryParse(response.Body);
                    if (!IsTransient(response.Status))
                    {
                        throw MapClientError(spec, response, lastError);
                    }

                    reason = $"HTTP {response.Status}" + (lastError?.Code is string code ? " " + code : "");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                reason = $"no answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                reason = "connection failed: " + Flatten(e);
            }

            if (attempt >= Retry.MaxAttempts)
            {
                throw Failure(spec, lastResponse, lastError, StorageErrorCodes.TransientFailuresExhausted,
                    $"{ProviderName} {spec.Operation} failed on every one of {attempt} attempts (last: {reason})",
                    "Check the network, proxy and endpoint, then publish again. For SlowDown or 503, lower Crc64UploadParallelism; for timeouts on a slow link, lower Crc64UploadPartSize.");
            }

            TimeSpan delay = Retry.ComputeDelay(attempt);
            Observer?.OnRetry(new UploadRetry(spec.ObjectKey, spec.Operation, reason, attempt, delay));
            await Retry.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StorageResponse> SendOnceAsync(RequestSpec spec, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = BuildMessage(spec);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using HttpResponseMessage response = await _http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.FirstOrDefault() ?? "";
        }

        byte[] body;
#if NET5_0_OR_GREATER
        body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
#else
        using (timeout.Token.Register(response.Dispose))
        {
            body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        timeout.Token.ThrowIfCancellationRequested();
#endif
        headers.TryGetValue(_profile.RequestIdHeader, out string? requestId);
        return new StorageResponse((int)response.StatusCode, headers, body, requestId);
    }

    private HttpRequestMessage BuildMessage(RequestSpec spec)
    {
        var signable = new SignableRequest(spec.Method.Method, spec.ObjectKey);
        signable.Query.AddRange(spec.Query);
        signable.SetHeader("Host", _hostHeader);
        if (spec.Body is ArraySegment<byte> body)
        {
            signable.SetHeader("Content-Length", body.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (spec.ContentType is not null)
        {
            signable.SetHeader("Content-Type", spec.ContentType);
        }

        _profile.Signer.Sign(signable, _credentials, Clock());

        var request = new HttpRequestMessage(spec.Method, new Uri(_baseUrl + signable.EncodedPathAndQuery(), UriKind.Absolute));
        if (spec.Body is ArraySegment<byte> content)
        {
            // The same pooled bytes that were hashed are sent: no copy, no second read of the file.
            request.Content = new ByteArrayContent(content.Array ?? Array.Empty<byte>(), content.Offset, content.Count);
        }

        foreach (KeyValuePair<string, string> header in signable.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = header.Value;
            }
            else if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }

    private static bool IsTransient(int status) => status is >= 500 or 408 or 429;

    private static string Flatten(Exception e)
    {
        var text = new StringBuilder(e.Message);
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" -> ").Append(inner.Message);
        }

        return text.ToString();
    }

    private ObjectStorageException MapClientError(RequestSpec spec, StorageResponse response, ServiceError? error)
    {
        string? code = error?.Code;
        string what = $"{ProviderName} refused {spec.Operation} with HTTP {response.Status}";
        switch (code)
        {
            case "RequestTimeTooSkewed":
            case "RequestTimeTooSkewedError":
                return Failure(spec, response, error, StorageErrorCodes.ClockSkew, what + " because the request time is too far from the service's",
                    "Synchronize this computer's clock (NTP); the services refuse requests more than 15 minutes off.");
            case "NoSuchBucket":
                return Failure(spec, response, error, StorageErrorCodes.BucketNotFound, what + " because the bucket does not exist",
                    "Check Crc64UploadBucket (COS: '<name>-<appid>') and that Crc64UploadRegion or Crc64UploadEndpoint is the bucket's region.");
            case "SignatureDoesNotMatch":
                return Failure(spec, response, error, StorageErrorCodes.AuthorizationFailed, what + " because the signature does not match",
                    "Check that the secret key belongs to the key id in the environment, that Crc64UploadRegion is the bucket's region, " +
                    "and (OSS) that Crc64UploadSignatureVersion suits the account. Also check the clock.");
            case "InvalidAccessKeyId":
                return Failure(spec, response, error, StorageErrorCodes.AuthorizationFailed, what + " because the key id is unknown",
                    "Check the key id in the environment (COS_SECRET_ID / OSS_ACCESS_KEY_ID) and, for temporary keys, that the session token belongs to it.");
            case "InvalidSecurityToken":
            case "SecurityTokenExpired":
            case "ExpiredToken":
            case "InvalidToken":
                return Failure(spec, response, error, StorageErrorCodes.AuthorizationFailed, what + " because the session token is invalid or expired",
                    "Obtain fresh temporary credentials and set the session token variable (COS_SESSION_TOKEN / OSS_SESSION_TOKEN) again.");
        }

        if (response.Status is 401 or 403 || code == "AccessDenied")
        {
            return Failure(spec, response, error, StorageErrorCodes.AuthorizationFailed, what + " (access denied)",
                "Check the keys, that they may write this bucket and prefix, that a session token has not expired, the region, and the clock.");
        }

        return Failure(spec, response, error, StorageErrorCodes.ServiceRejected, what,
            "The service refused the request and retrying will not help; see the service error for the reason.");
    }

    private ObjectStorageException Malformed(RequestSpec spec, StorageResponse response, string summary) =>
        Failure(spec, response, null, StorageErrorCodes.MalformedResponse,
            summary + " (body starts: " + ServiceError.Excerpt(response.Body) + ")",
            "Check that Crc64UploadEndpoint points at the storage service itself, not at a proxy or web page.");

    private static ObjectStorageException Failure(
        RequestSpec spec, StorageResponse? response, ServiceError? error, string code, string summary, string advice) =>
        new(code, summary, advice)
        {
            FilePath = spec.FilePath,
            ObjectKey = spec.ObjectKey,
            PartNumber = spec.PartNumber,
            HttpStatus = response?.Status,
            ServiceErrorCode = error?.Code,
            ServiceMessage = error?.Message,
            RequestId = response?.RequestId ?? error?.RequestId,
        };
}
