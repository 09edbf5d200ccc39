namespace CrcBuildTools.Emulator;

/// <summary>The requests the emulator implements. Anything else is refused with 501 NotImplemented.</summary>
internal enum ServiceOperation
{
    PutObject,
    InitiateMultipartUpload,
    UploadPart,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    HeadObject,
    GetObject,
    DeleteObject,
    ListObjects,
    ListObjectsV2,
    ListMultipartUploads,
    HeadBucket,
}
