namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>What went wrong with a request, independent of who asked; <see cref="ServiceErrorMap"/> names the code.</summary>
internal enum FailureKind
{
    AuthorizationFailed,
    ClockSkew,
    BucketNotFound,
    ObjectNotFound,
    PreconditionFailed,
    Rejected,
    TransientExhausted,
    ErrorBodyExhausted,
    Malformed,
}

/// <summary>Which side of the product a client serves: it picks the error codes and the wording of the advice.</summary>
internal enum StorageSide
{
    /// <summary>The MSBuild upload: CRC3xxx, advice names the Crc64Upload* properties.</summary>
    Upload,

    /// <summary>Download, audit and cleanup: CRC4xxx, advice names the command-line options.</summary>
    Download,
}
