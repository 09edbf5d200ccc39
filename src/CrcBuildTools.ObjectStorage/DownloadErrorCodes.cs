namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// The CRC4xxx codes of the receiving side: download, audit and cleanup. Each is listed, with what to do, in
/// docs/download.md; keep the two in step. Codes never change meaning: scripts match on them.
/// </summary>
public static class DownloadErrorCodes
{
    /// <summary>SOURCE is not <c>cos://bucket/key</c>, <c>oss://bucket/key</c> or an <c>https://</c> URL.</summary>
    public const string InvalidSource = "CRC4001";

    /// <summary>A setting is missing or out of range (region, endpoint, signature version, parallelism...).</summary>
    public const string InvalidSettings = "CRC4002";

    /// <summary>Plain http to a host that is not loopback, without the explicit opt-in.</summary>
    public const string InsecureSource = "CRC4003";

    /// <summary>A signed source, but no (or half a) key pair in the environment.</summary>
    public const string MissingCredentials = "CRC4004";

    /// <summary>The manifest or channel pointer SOURCE names does not exist: there is no complete release there.</summary>
    public const string ManifestNotFound = "CRC4010";

    /// <summary>SOURCE is neither a valid manifest nor a valid channel pointer.</summary>
    public const string ManifestInvalid = "CRC4011";

    /// <summary>The manifest a channel pointer names differs from the length or CRC-64 the pointer records.</summary>
    public const string PointerMismatch = "CRC4012";

    /// <summary>An object the manifest lists is not in the bucket.</summary>
    public const string ObjectMissing = "CRC4020";

    /// <summary>An object's length differs from the manifest's.</summary>
    public const string LengthDiffers = "CRC4021";

    /// <summary>The service's CRC-64 header differs from the manifest: the bucket holds another object than the release recorded.</summary>
    public const string CrcHeaderDiffers = "CRC4022";

    /// <summary>The service sent no CRC-64 header (CDN, copied or old object); the file was judged on the manifest alone.</summary>
    public const string NoCrcHeader = "CRC4023";

    /// <summary>The bytes received hash to another CRC-64 than the manifest's, on every attempt.</summary>
    public const string ContentMismatch = "CRC4024";

    /// <summary>The object changed while it was being downloaded (If-Match refused, 412), on every attempt.</summary>
    public const string ObjectReplaced = "CRC4025";

    /// <summary>Audit: an object under the release's prefix that the manifest does not name.</summary>
    public const string ExtraObject = "CRC4026";

    /// <summary>5xx, SlowDown, timeouts, resets or cut-off bodies persisted through every attempt.</summary>
    public const string TransientFailuresExhausted = "CRC4030";

    /// <summary>The service refused the credentials or the signature (403, SignatureDoesNotMatch, AccessDenied...).</summary>
    public const string AuthorizationFailed = "CRC4031";

    /// <summary>The service refused the request time (RequestTimeTooSkewed).</summary>
    public const string ClockSkew = "CRC4032";

    /// <summary>The bucket does not exist in this region (NoSuchBucket).</summary>
    public const string BucketNotFound = "CRC4033";

    /// <summary>Any other client error the service returned; retrying would not help.</summary>
    public const string ServiceRejected = "CRC4034";

    /// <summary>The service answered with a body or header this client cannot understand.</summary>
    public const string MalformedResponse = "CRC4035";

    /// <summary>DEST cannot be used: it is a file, or its parent cannot be created.</summary>
    public const string DestinationInvalid = "CRC4040";

    /// <summary>Writing the staging folder or a file in it failed (disk full, permissions).</summary>
    public const string DestinationNotWritable = "CRC4041";

    /// <summary>Another download into the same DEST is running (its staging folder is locked).</summary>
    public const string DestinationBusy = "CRC4042";

    /// <summary>The final swap of the staged release into DEST failed; DEST was left as it was.</summary>
    public const string SwapFailed = "CRC4043";

    /// <summary>DEST holds files the release does not list; they were kept (a warning) or, with the flag, deleted.</summary>
    public const string ExtraFilesInDestination = "CRC4044";

    /// <summary>A file the user put in DEST stands where the release needs a folder, or the reverse.</summary>
    public const string DestinationConflict = "CRC4045";

    /// <summary>The download, audit or cleanup was cancelled; DEST was left as it was.</summary>
    public const string Cancelled = "CRC4050";

    /// <summary>Cleanup: aborting an unfinished multipart upload failed.</summary>
    public const string AbortFailed = "CRC4060";
}
