using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Everything the uploader needs except the credentials (which come from the environment only, see
/// <see cref="StorageCredentials"/>). Call <see cref="Validate"/> before use; each problem comes back with a code.
/// </summary>
public sealed class ObjectStorageOptions
{
    /// <summary>One mebibyte.</summary>
    public const long MiB = 1024 * 1024;

    /// <summary>The services' most parts per multipart upload.</summary>
    public const int MaxPartCount = 10_000;

    /// <summary>
    /// The largest part or single PUT this uploader sends: 1 GiB. The services accept 5 GiB, but each part lives in
    /// one pooled array; 10,000 parts of 1 GiB still cover files up to ~9.7 TiB.
    /// </summary>
    public const long MaxPartSize = 1024 * MiB;

    /// <summary>The longest <see cref="RequestTimeout"/>: one day (the timer behind it cannot wait much longer anyway).</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromDays(1);

    /// <summary>The most requests in flight.</summary>
    public const int MaxParallelism = 64;

    /// <summary>The most attempts per request, object or part.</summary>
    public const int MaxAttemptsLimit = 20;

    /// <summary>The service to talk to.</summary>
    public StorageProvider? Provider { get; init; }

    /// <summary>COS: <c>name-appid</c>; OSS: the bucket name.</summary>
    public string Bucket { get; init; } = "";

    /// <summary>For example <c>ap-guangzhou</c> (COS) or <c>cn-hangzhou</c> (OSS; an <c>oss-</c> prefix is accepted).</summary>
    public string Region { get; init; } = "";

    /// <summary>
    /// Base URL override (custom domain, accelerate endpoint, loopback test server). Requests go to
    /// <c>&lt;endpoint&gt;/&lt;key&gt;</c> and the signature still names <see cref="Bucket"/>.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>Prepended to every object key; a trailing <c>/</c> is added when missing.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Bytes per multipart part (grown automatically so no file needs more than 10,000 parts).</summary>
    public long PartSize { get; init; } = 8 * MiB;

    /// <summary>Files larger than this go multipart; smaller ones are one PUT.</summary>
    public long MultipartThreshold { get; init; } = 8 * MiB;

    /// <summary>Requests in flight at once (files and parts). Memory is bounded by this times the part size.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Attempts per request for transient failures, and per object or part for CRC mismatches.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>An answer without the CRC-64 header is an error when true, a warning when false.</summary>
    public bool RequireServerChecksum { get; init; } = true;

    /// <summary>HEAD each object first and skip it when its length and CRC already match.</summary>
    public bool SkipUnchanged { get; init; } = true;

    /// <summary>OSS only: which signature to send.</summary>
    public OssSignatureVersion SignatureVersion { get; init; } = OssSignatureVersion.V4;

    /// <summary>Allow plain http to a non-loopback endpoint. Loopback endpoints never need it.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>How long one request may take before it is abandoned and retried: more than zero, at most <see cref="MaxRequestTimeout"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Base of the full-jitter exponential backoff.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the full-jitter exponential backoff.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a large file reports its percentage and throughput.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The region as the signature scope names it: without an <c>oss-</c> prefix.</summary>
    internal string SigningRegion =>
        Provider == StorageProvider.Oss && Region.StartsWith("oss-", StringComparison.Ordinal) ? Region.Substring(4) : Region;

    /// <summary>The smallest part the provider accepts (except the last one).</summary>
    internal long ProviderMinimumPartSize => Provider == StorageProvider.Cos ? MiB : 100 * 1024;

    private static readonly Regex RegionPattern = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex CosBucketPattern = new("^[a-z0-9]([a-z0-9-]*[a-z0-9])?-[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex OssBucketPattern = new("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant);

    /// <summary>Checks every setting; returns all problems at once so a user fixes them in one go.</summary>
    /// <returns>The problems found; empty when the options are usable.</returns>
    public IReadOnlyList<StorageConfigurationError> Validate()
    {
        var errors = new List<StorageConfigurationError>();
        if (Provider is not (StorageProvider.Cos or StorageProvider.Oss))
        {
            errors.Add(new(StorageErrorCodes.UnknownProvider,
                "Crc64UploadProvider is not set. Set it to 'cos' (Tencent COS) or 'oss' (Alibaba OSS)."));
            return errors;
        }

        ValidateBucket(errors);
        ValidateRegionAndEndpoint(errors);
        ValidatePrefix(errors);
        ValidateTuning(errors);
        if (SignatureVersion is not (OssSignatureVersion.V1 or OssSignatureVersion.V4))
        {
            errors.Add(new(StorageErrorCodes.InvalidSignatureVersion,
                "Crc64UploadSignatureVersion must be 4 (default) or 1 (legacy OSS accounts)."));
        }

        return errors;
    }

    /// <summary>Throws the first problem <see cref="Validate"/> finds, as an <see cref="ObjectStorageException"/>.</summary>
    public void EnsureValid()
    {
        IReadOnlyList<StorageConfigurationError> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ObjectStorageException(errors[0].Code, errors[0].Message, "Fix the upload settings and publish again.");
        }
    }

    private void ValidateBucket(List<StorageConfigurationError> errors)
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            errors.Add(new(StorageErrorCodes.InvalidBucket, Provider == StorageProvider.Cos
                ? "Crc64UploadBucket is not set. Set it to the COS bucket as '<name>-<appid>', e.g. 'releases-1250000000'."
                : "Crc64UploadBucket is not set. Set it to the OSS bucket name, e.g. 'my-releases'."));
        }
        else if (Provider == StorageProvider.Cos && !CosBucketPattern.IsMatch(Bucket))
        {
            errors.Add(new(StorageErrorCodes.InvalidBucket,
                $"Crc64UploadBucket '{Bucket}' is not a COS bucket. COS buckets are '<name>-<appid>' in lowercase, e.g. 'releases-1250000000'."));
        }
        else if (Provider == StorageProvider.Oss && !OssBucketPattern.IsMatch(Bucket))
        {
            errors.Add(new(StorageErrorCodes.InvalidBucket,
                $"Crc64UploadBucket '{Bucket}' is not an OSS bucket name: 3-63 lowercase letters, digits and '-', not starting or ending with '-'."));
        }
    }

    private void ValidateRegionAndEndpoint(List<StorageConfigurationError> errors)
    {
        bool hasRegion = !string.IsNullOrWhiteSpace(Region);
        if (hasRegion && !RegionPattern.IsMatch(Region))
        {
            errors.Add(new(StorageErrorCodes.InvalidRegion,
                $"Crc64UploadRegion '{Region}' is not a region id. Use e.g. 'ap-guangzhou' (COS) or 'cn-hangzhou' (OSS)."));
        }

        // OSS V4 names the region in every signature, so even a custom endpoint needs it. COS never signs it.
        bool regionNeeded = string.IsNullOrWhiteSpace(Endpoint) ||
                            (Provider == StorageProvider.Oss && SignatureVersion == OssSignatureVersion.V4);
        if (!hasRegion && regionNeeded)
        {
            errors.Add(new(StorageErrorCodes.InvalidRegion,
                "Crc64UploadRegion is not set. Set it to the bucket's region, e.g. 'ap-guangzhou' (COS) or 'cn-hangzhou' (OSS)."));
        }

        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out Uri? uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(new(StorageErrorCodes.InvalidEndpoint,
                $"Crc64UploadEndpoint '{Http.StorageEndpoint.Redact(Endpoint)}' is not an absolute http(s) URL. Use e.g. 'https://cdn.example.com' or 'http://127.0.0.1:5000'."));
            return;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors.Add(new(StorageErrorCodes.InvalidEndpoint,
                $"Crc64UploadEndpoint '{Http.StorageEndpoint.Redact(Endpoint)}' must be a bare base URL (scheme, host, optional port) without path, query, fragment or user info. Put folders in Crc64UploadPrefix instead."));
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !AllowInsecureHttp)
        {
            errors.Add(new(StorageErrorCodes.InsecureEndpoint,
                $"Crc64UploadEndpoint '{Http.StorageEndpoint.Redact(Endpoint)}' uses plain http, which exposes the signed requests. Use https, or set Crc64UploadAllowInsecureHttp=true if this network is trusted."));
        }
    }

    private void ValidatePrefix(List<StorageConfigurationError> errors)
    {
        if (Prefix.StartsWith("/", StringComparison.Ordinal) || Prefix.Contains("\\") || Prefix.Contains("//"))
        {
            errors.Add(new(StorageErrorCodes.InvalidObjectKey,
                $"Crc64UploadPrefix '{Prefix}' must be relative, use '/' between folders, and have no empty folder. Use e.g. 'myapp/1.2.3/'."));
        }
    }

    private void ValidateTuning(List<StorageConfigurationError> errors)
    {
        void Add(string message) => errors.Add(new(StorageErrorCodes.InvalidTuning, message));
        string min = ProviderMinimumPartSize.ToString(CultureInfo.InvariantCulture);
        if (PartSize < ProviderMinimumPartSize || PartSize > MaxPartSize)
        {
            Add($"Crc64UploadPartSize {PartSize} is out of range: the service accepts parts of {min} to {MaxPartSize} bytes.");
        }

        if (MultipartThreshold < 1 || MultipartThreshold > MaxPartSize)
        {
            Add($"Crc64UploadMultipartThreshold {MultipartThreshold} is out of range: use 1 to {MaxPartSize} bytes (larger files go multipart).");
        }

        if (Parallelism is < 1 or > MaxParallelism)
        {
            Add($"Crc64UploadParallelism {Parallelism} is out of range: use 1 to {MaxParallelism}.");
        }

        if (MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            Add($"Crc64UploadMaxAttempts {MaxAttempts} is out of range: use 1 to {MaxAttemptsLimit}.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > MaxRequestTimeout)
        {
            Add($"Crc64UploadRequestTimeoutSeconds {RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} is out of range: use 1 to {MaxRequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds (one day).");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || RetryMaxDelay > MaxRequestTimeout || ProgressInterval < TimeSpan.Zero)
        {
            Add("The retry delays must satisfy 0 <= base <= max <= one day, and the progress interval must not be negative.");
        }
    }
}
