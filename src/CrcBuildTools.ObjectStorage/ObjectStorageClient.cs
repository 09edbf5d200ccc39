using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using CrcBuildTools.ObjectStorage.Http;
using CrcBuildTools.ObjectStorage.Xml;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// A connection to one COS or OSS bucket: the handle <see cref="ReleaseUploader"/> works through. Underneath, every
/// operation is a thin description (<c>RequestSpec</c>) sent through one pipeline: a signed transport that sends each
/// attempt once, a retry policy with full-jitter backoff that honours Retry-After, and one map from service errors to
/// codes. CRC checks are the callers' business: the client reports the header, it does not judge it.
/// </summary>
public sealed class ObjectStorageClient : IDisposable
{
    private readonly ObjectStorageOptions _options;
    private readonly StoragePipeline _pipeline;
    private UploadObserver? _observer;

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
    internal ObjectStorageClient(ObjectStorageOptions options, StorageCredentials credentials, HttpMessageHandler? handler, StorageSide side = StorageSide.Upload)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (credentials is null)
        {
            throw new ArgumentNullException(nameof(credentials));
        }

        options.EnsureValid();
        var transport = new SignedTransport(StorageEndpoint.Resolve(options), ProviderProfile.For(options), credentials, options.RequestTimeout, handler,
            ConnectionsFor(options));
        _pipeline = new StoragePipeline(transport, new RetryPolicy(options.MaxAttempts, options.RetryBaseDelay, options.RetryMaxDelay), side);
    }

    /// <summary>An unsigned client for an https source (public-read bucket, CDN, custom domain).</summary>
    internal ObjectStorageClient(Uri baseUri, ObjectStorageOptions tuning, HttpMessageHandler? handler)
    {
        _options = tuning;
        var transport = new SignedTransport(baseUri, ProviderProfile.Anonymous, credentials: null, tuning.RequestTimeout, handler, ConnectionsFor(tuning));
        _pipeline = new StoragePipeline(transport, new RetryPolicy(tuning.MaxAttempts, tuning.RetryBaseDelay, tuning.RetryMaxDelay), StorageSide.Download);
    }

    /// <summary>Bodies in flight are bounded by parallelism; HEADs, initiates and completes of other files run beside them.</summary>
    private static int ConnectionsFor(ObjectStorageOptions options) => Math.Max(2, options.Parallelism * 2);

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUri => _pipeline.Transport.BaseUri;

    /// <summary>The options in use.</summary>
    public ObjectStorageOptions Options => _options;

    /// <summary>The name of the CRC-64 response header of this provider.</summary>
    public string CrcHeaderName => _pipeline.Transport.Profile.CrcHeader;

    /// <summary>COS or OSS, for messages.</summary>
    internal string ProviderName => _pipeline.ProviderName;

    internal ProviderProfile Profile => _pipeline.Transport.Profile;

    internal StoragePipeline Pipeline => _pipeline;

    internal RetryPolicy Retry => _pipeline.Retry;

    /// <summary>The signing clock; tests move it to check skew handling.</summary>
    internal Func<DateTimeOffset> Clock
    {
        get => _pipeline.Transport.Clock;
        set => _pipeline.Transport.Clock = value;
    }

    internal UploadObserver? Observer
    {
        get => _observer;
        set
        {
            _observer = value;
            _pipeline.RetryReported = value is null
                ? null
                : notice => value.OnRetry(new UploadRetry(notice.ObjectKey, notice.Operation, notice.Reason, notice.FailedAttempt, notice.Delay));
        }
    }

    /// <summary>Uploads an object in one request.</summary>
    internal async Task<ObjectWriteResult> PutObjectAsync(string key, ArraySegment<byte> body, CancellationToken cancellationToken = default, string? cacheControl = null)
    {
        var spec = new RequestSpec("PUT", HttpMethod.Put, key) { Body = body };
        if (cacheControl is not null)
        {
            spec.WithHeader("Cache-Control", cacheControl);
        }

        return ToWriteResult(spec, await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>HEAD of an object; null when it does not exist.</summary>
    internal async Task<ObjectMetadata?> HeadObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("HEAD", HttpMethod.Head, key) { AllowNotFound = true };
        StorageResponse response = await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        string? lengthText = response.Header("Content-Length");
        if (lengthText is null || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            throw _pipeline.Malformed(spec, response, "HEAD answered without a valid Content-Length");
        }

        return new ObjectMetadata(length, ReadCrc(spec, response), response.Header("ETag"), response.RequestId);
    }

    /// <summary>Downloads a whole object into memory (tests and small control objects).</summary>
    internal async Task<byte[]> GetObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("GET", HttpMethod.Get, key);
        return (await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false)).Body;
    }

    /// <summary>Starts a multipart upload and returns its id.</summary>
    internal async Task<string> InitiateMultipartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("initiate multipart", HttpMethod.Post, key) { Body = new ArraySegment<byte>(Array.Empty<byte>()) };
        spec.Query.Add(new("uploads", null));
        StorageResponse response = await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
        string? uploadId = MultipartXml.UploadId(response.Body);
        return string.IsNullOrEmpty(uploadId)
            ? throw _pipeline.Malformed(spec, response, "Initiate Multipart Upload answered without an UploadId")
            : uploadId!;
    }

    /// <summary>Uploads one part (1 to 10,000).</summary>
    internal async Task<ObjectWriteResult> UploadPartAsync(
        string key, string uploadId, int partNumber, ArraySegment<byte> body, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("part " + partNumber.ToString(CultureInfo.InvariantCulture), HttpMethod.Put, key)
        {
            Body = body,
            PartNumber = partNumber,
        };
        spec.Query.Add(new("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)));
        spec.Query.Add(new("uploadId", uploadId));
        return ToWriteResult(spec, await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Completes a multipart upload. A COS 200 with an <c>&lt;Error&gt;</c> body is treated as a failure.</summary>
    internal async Task<ObjectWriteResult> CompleteMultipartUploadAsync(
        string key, string uploadId, IEnumerable<MultipartPart> parts, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("complete", HttpMethod.Post, key)
        {
            Body = new ArraySegment<byte>(MultipartXml.CompleteRequest(parts)),
            ContentType = "application/xml",
            ErrorBodyMeansFailure = true,
        };
        spec.Query.Add(new("uploadId", uploadId));
        StorageResponse response = await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
        return new ObjectWriteResult(MultipartXml.CompletedETag(response.Body) ?? response.Header("ETag"), ReadCrc(spec, response), response.RequestId);
    }

    /// <summary>Aborts a multipart upload, deleting its parts. An upload that no longer exists is not an error.</summary>
    internal async Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("abort multipart", HttpMethod.Delete, key) { AllowNotFound = true };
        spec.Query.Add(new("uploadId", uploadId));
        await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an object; both services answer 204 whether or not it existed.</summary>
    internal async Task DeleteObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("DELETE", HttpMethod.Delete, key) { AllowNotFound = true };
        await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the parts uploaded so far (first 1,000), with CRC where the service lists it (OSS).</summary>
    internal async Task<IReadOnlyList<MultipartPart>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        var spec = new RequestSpec("list parts", HttpMethod.Get, key);
        spec.Query.Add(new("uploadId", uploadId));
        StorageResponse response = await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            return MultipartXml.Parts(response.Body);
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            throw _pipeline.Malformed(spec, response, "List Parts answered with a body that is not a ListPartsResult");
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>, page by page (COS GET Bucket, OSS ListObjectsV2).</summary>
    internal async Task<List<ListedObject>> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var all = new List<ListedObject>();
        string? cursor = null;
        do
        {
            var spec = new RequestSpec("list objects", HttpMethod.Get, "");
            bool cos = Profile.Provider == StorageProvider.Cos;
            if (!cos)
            {
                spec.Query.Add(new("list-type", "2"));
            }

            spec.Query.Add(new("prefix", prefix));
            spec.Query.Add(new("max-keys", "1000"));
            if (cursor is not null)
            {
                spec.Query.Add(new(cos ? "marker" : "continuation-token", cursor));
            }

            ListingPage<ListedObject> page = await SendListingAsync(spec, ListingXml.Objects, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            cursor = page.NextMarker;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Every unfinished multipart upload under <paramref name="prefix"/> (ListMultipartUploads).</summary>
    internal async Task<List<UnfinishedUpload>> ListMultipartUploadsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var all = new List<UnfinishedUpload>();
        (string? key, string? uploadId) cursor = (null, null);
        do
        {
            var spec = new RequestSpec("list multipart uploads", HttpMethod.Get, "");
            spec.Query.Add(new("uploads", null));
            spec.Query.Add(new("prefix", prefix));
            if (cursor.key is not null)
            {
                spec.Query.Add(new("key-marker", cursor.key));
                if (cursor.uploadId is not null)
                {
                    spec.Query.Add(new("upload-id-marker", cursor.uploadId));
                }
            }

            ListingPage<UnfinishedUpload> page = await SendListingAsync(spec, ListingXml.Uploads, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            cursor = (page.NextMarker, page.NextUploadIdMarker);
        }
        while (cursor.key is not null);
        return all;
    }

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();

    private async Task<ListingPage<T>> SendListingAsync<T>(RequestSpec spec, Func<byte[], ListingPage<T>> parse, CancellationToken cancellationToken)
    {
        StorageResponse response = await _pipeline.SendAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            return parse(response.Body);
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            throw _pipeline.Malformed(spec, response, $"The {spec.Operation} answer is not a listing this client understands");
        }
    }

    private ObjectWriteResult ToWriteResult(RequestSpec spec, StorageResponse response) =>
        new(response.Header("ETag"), ReadCrc(spec, response), response.RequestId);

    internal ulong? ReadCrc(RequestSpec spec, StorageResponse response)
    {
        try
        {
            return Profile.Crc64(response.Headers);
        }
        catch (FormatException)
        {
            throw _pipeline.Malformed(spec, response, $"The {Profile.CrcHeader} header is not a CRC-64 value");
        }
    }
}
