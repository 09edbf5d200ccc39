namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// The CRC3xxx codes of the upload feature. Each is listed, with what to do, in docs/upload.md; keep the two in step.
/// </summary>
public static class StorageErrorCodes
{
    /// <summary>The provider is missing or is neither <c>cos</c> nor <c>oss</c>.</summary>
    public const string UnknownProvider = "CRC3001";

    /// <summary>The bucket is missing or malformed.</summary>
    public const string InvalidBucket = "CRC3002";

    /// <summary>The region is missing (and no endpoint was given) or malformed.</summary>
    public const string InvalidRegion = "CRC3003";

    /// <summary>The endpoint override is not an absolute http(s) URL without path, query or fragment.</summary>
    public const string InvalidEndpoint = "CRC3004";

    /// <summary>Plain http to a non-loopback endpoint without the explicit opt-in.</summary>
    public const string InsecureEndpoint = "CRC3005";

    /// <summary>A tuning value (part size, threshold, parallelism, attempts, timeout) is out of range.</summary>
    public const string InvalidTuning = "CRC3006";

    /// <summary>The OSS signature version is neither 1 nor 4.</summary>
    public const string InvalidSignatureVersion = "CRC3007";

    /// <summary>The object key prefix or a relative path would make an invalid or ambiguous key.</summary>
    public const string InvalidObjectKey = "CRC3008";

    /// <summary>No credentials were found in the environment.</summary>
    public const string MissingCredentials = "CRC3010";

    /// <summary>Only half of a key pair was found in the environment.</summary>
    public const string IncompleteCredentials = "CRC3011";

    /// <summary>A warning: MSBUILDLOGALLENVIRONMENTVARIABLES is set while credentials are in the environment, so binary logs record them.</summary>
    public const string CredentialsLoggedByMSBuild = "CRC3012";

    /// <summary>A file to upload is missing or cannot be read.</summary>
    public const string LocalFileUnreadable = "CRC3020";

    /// <summary>A file's length or CRC differs from the manifest: it changed after the manifest was written.</summary>
    public const string LocalFileChanged = "CRC3021";

    /// <summary>The CRC the service computed for a single PUT differs from the local one, after every retry.</summary>
    public const string ObjectCrcMismatch = "CRC3030";

    /// <summary>The CRC the service computed for a multipart part differs from the local one, after every retry.</summary>
    public const string PartCrcMismatch = "CRC3031";

    /// <summary>The whole-object CRC after Complete differs from the combined part CRCs, after every retry.</summary>
    public const string CompleteCrcMismatch = "CRC3032";

    /// <summary>The service answered without a CRC-64 header (an error, or a warning when not required).</summary>
    public const string MissingServerChecksum = "CRC3033";

    /// <summary>The service refused the credentials or the signature (403, SignatureDoesNotMatch, AccessDenied...).</summary>
    public const string AuthorizationFailed = "CRC3040";

    /// <summary>The service refused the request time (RequestTimeTooSkewed).</summary>
    public const string ClockSkew = "CRC3041";

    /// <summary>The bucket does not exist in this region (NoSuchBucket).</summary>
    public const string BucketNotFound = "CRC3042";

    /// <summary>Any other client error the service returned; retrying would not help.</summary>
    public const string ServiceRejected = "CRC3043";

    /// <summary>5xx, SlowDown, timeouts or connection resets persisted through every attempt.</summary>
    public const string TransientFailuresExhausted = "CRC3044";

    /// <summary>COS answered Complete with 200 and an Error body, through every attempt.</summary>
    public const string CompleteReturnedError = "CRC3045";

    /// <summary>The service answered with a body or header this client cannot understand.</summary>
    public const string MalformedResponse = "CRC3046";

    /// <summary>The upload was cancelled; open multipart uploads were aborted.</summary>
    public const string Cancelled = "CRC3050";

    /// <summary>Aborting a failed multipart upload failed, so its parts may remain in the bucket (a warning).</summary>
    public const string AbortFailed = "CRC3051";

    /// <summary>The upload inputs from MSBuild are invalid (an item without length or CRC, duplicate keys).</summary>
    public const string InvalidUploadItem = "CRC3060";

    /// <summary>A file to upload is a symbolic link (or lies under one) that leads out of the publish folder: nothing was read.</summary>
    public const string LinkLeavesPublishFolder = "CRC3061";

    /// <summary>A file to upload is a pipe, device, socket or directory, not a regular file of known length: nothing was read.</summary>
    public const string NotARegularFile = "CRC3062";

    /// <summary>The publish manifest to upload (which lists the files to upload) does not exist or cannot be read.</summary>
    public const string ManifestToUploadUnreadable = "CRC3063";

    /// <summary>The channel name is not a plain name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</summary>
    public const string InvalidChannel = "CRC3080";

    /// <summary>The channel pointer's key is not a valid object key.</summary>
    public const string InvalidChannelKey = "CRC3081";

    /// <summary>The channel pointer's key is the key of a file of the release or of its manifest.</summary>
    public const string ChannelKeyCollides = "CRC3082";

    // Issue 11 (signals, crashed runs, lost answers): CRC3090-CRC3099.

    /// <summary>The upload was stopped by SIGTERM (docker stop, Kubernetes, a CI timeout); open multipart uploads were aborted.</summary>
    public const string TerminatedBySignal = "CRC3090";

    /// <summary>A multipart upload that an earlier, killed run of this tool left unfinished under the prefix was aborted (a message).</summary>
    public const string EarlierUploadAborted = "CRC3091";

    /// <summary>An unfinished-upload marker under the prefix could not be read or cleaned up; it was left alone (a warning).</summary>
    public const string UnfinishedUploadMarkerProblem = "CRC3092";

    /// <summary>Complete's answer was lost and the retry found the upload gone; HEAD proved the object complete and verified (a message).</summary>
    public const string CompleteAnswerLostButVerified = "CRC3093";

    /// <summary>Initiate was cancelled before it answered: an upload may have been created that this run cannot name (a warning).</summary>
    public const string InitiateCancelledUnanswered = "CRC3094";

    /// <summary>An OSS multipart upload that a killed earlier run left unfinished was continued: each reused part verified by the CRC-64 OSS lists for it (a message).</summary>
    public const string EarlierUploadResumed = "CRC3095";
}
