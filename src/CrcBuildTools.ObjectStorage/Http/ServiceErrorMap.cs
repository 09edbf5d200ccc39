using System;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// The ONE place where a service's answer becomes one of our codes: vendor error code and HTTP status to a
/// <see cref="FailureKind"/>, a reason and the advice, and the kind to the CRC3xxx (upload) or CRC4xxx (download,
/// audit, cleanup) code. Upload and download word the advice for their own settings (MSBuild property or option).
/// </summary>
internal static class ServiceErrorMap
{
    /// <summary>Statuses worth another attempt: any 5xx, request timeout, and throttling.</summary>
    public static bool IsTransient(int status) => status is >= 500 or 408 or 429;

    /// <summary>The kind, the reason (appended to "COS refused GET with HTTP 403") and what to do.</summary>
    public static (FailureKind Kind, string Reason, string Advice) Classify(int status, string? vendorCode, StorageSide side)
    {
        bool upload = side == StorageSide.Upload;
        string region = upload ? "Crc64UploadRegion or Crc64UploadEndpoint" : "--region or --endpoint";
        switch (vendorCode)
        {
            case "RequestTimeTooSkewed":
            case "RequestTimeTooSkewedError":
                return (FailureKind.ClockSkew, " because the request time is too far from the service's",
                    "Synchronize this computer's clock (NTP); the services refuse requests more than 15 minutes off.");
            case "NoSuchBucket":
                return (FailureKind.BucketNotFound, " because the bucket does not exist",
                    (upload ? "Check Crc64UploadBucket" : "Check the bucket in SOURCE") +
                    $" (COS: '<name>-<appid>') and that {region} is the bucket's region.");
            case "SignatureDoesNotMatch":
                return (FailureKind.AuthorizationFailed, " because the signature does not match",
                    $"Check that the secret key belongs to the key id in the environment, that {region} is the bucket's region, " +
                    $"and (OSS) that {(upload ? "Crc64UploadSignatureVersion" : "--signature-version")} suits the account. Also check the clock.");
            case "InvalidAccessKeyId":
                return (FailureKind.AuthorizationFailed, " because the key id is unknown",
                    "Check the key id in the environment (COS_SECRET_ID / OSS_ACCESS_KEY_ID) and, for temporary keys, that the session token belongs to it.");
            case "InvalidSecurityToken":
            case "SecurityTokenExpired":
            case "ExpiredToken":
            case "InvalidToken":
                return (FailureKind.AuthorizationFailed, " because the session token is invalid or expired",
                    "Obtain fresh temporary credentials and set the session token variable (COS_SESSION_TOKEN / OSS_SESSION_TOKEN) again.");
            case "NoSuchKey":
                return (FailureKind.ObjectNotFound, " because the object does not exist",
                    "Check the key; a release is complete only once its manifest exists.");
        }

        if (status is 401 or 403 || vendorCode == "AccessDenied")
        {
            return (FailureKind.AuthorizationFailed, " (access denied)", upload
                ? "Check the keys, that they may write this bucket and prefix, that a session token has not expired, the region, and the clock."
                : "Check the keys, that they may read this bucket and prefix (or, for an https SOURCE, that the objects are public-read), the region, and the clock.");
        }

        if (status == 404)
        {
            return (FailureKind.ObjectNotFound, " because the object does not exist",
                "Check the key; a release is complete only once its manifest exists.");
        }

        if (status == 412)
        {
            return (FailureKind.PreconditionFailed, " because the object changed (If-Match refused)",
                "Somebody replaced the object while it was being read. Run again; if it keeps changing, find out who writes to this prefix.");
        }

        return (FailureKind.Rejected, "",
            "The service refused the request and retrying will not help; see the service error for the reason.");
    }

    /// <summary>The code of <paramref name="kind"/> on <paramref name="side"/>.</summary>
    public static string CodeFor(FailureKind kind, StorageSide side) => side == StorageSide.Upload
        ? kind switch
        {
            FailureKind.AuthorizationFailed => StorageErrorCodes.AuthorizationFailed,
            FailureKind.ClockSkew => StorageErrorCodes.ClockSkew,
            FailureKind.BucketNotFound => StorageErrorCodes.BucketNotFound,
            FailureKind.TransientExhausted => StorageErrorCodes.TransientFailuresExhausted,
            FailureKind.ErrorBodyExhausted => StorageErrorCodes.CompleteReturnedError,
            FailureKind.Malformed => StorageErrorCodes.MalformedResponse,
            _ => StorageErrorCodes.ServiceRejected,
        }
        : kind switch
        {
            FailureKind.AuthorizationFailed => DownloadErrorCodes.AuthorizationFailed,
            FailureKind.ClockSkew => DownloadErrorCodes.ClockSkew,
            FailureKind.BucketNotFound => DownloadErrorCodes.BucketNotFound,
            FailureKind.ObjectNotFound => DownloadErrorCodes.ObjectMissing,
            FailureKind.PreconditionFailed => DownloadErrorCodes.ObjectReplaced,
            FailureKind.TransientExhausted => DownloadErrorCodes.TransientFailuresExhausted,
            FailureKind.Malformed => DownloadErrorCodes.MalformedResponse,
            _ => DownloadErrorCodes.ServiceRejected,
        };

    /// <summary>What to do when the transient failures never stopped.</summary>
    public static string TransientAdvice(StorageSide side) => side == StorageSide.Upload
        ? "Check the network, proxy and endpoint, then publish again. For SlowDown or 503, lower Crc64UploadParallelism; for timeouts on a slow link, lower Crc64UploadPartSize."
        : "Check the network, proxy and endpoint, then run again (a download resumes where it stopped). For SlowDown or 503, lower --parallelism; for timeouts on a slow link, lower --range-size or raise --timeout.";

    /// <summary>What to do about an answer that is not what the service sends.</summary>
    public static string MalformedAdvice(StorageSide side) => side == StorageSide.Upload
        ? "Check that Crc64UploadEndpoint points at the storage service itself, not at a proxy or web page."
        : "Check that SOURCE (or --endpoint) points at the storage service or a CDN that passes its answers through, not at a web page.";

    /// <summary>Flattens an exception chain into one line, for "connection failed: ..." reasons.</summary>
    public static string Flatten(Exception e)
    {
        var text = new System.Text.StringBuilder(e.Message);
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" -> ").Append(inner.Message);
        }

        return text.ToString();
    }
}
