namespace CrcBuildTools.ObjectStorage;

/// <summary>The object-storage services the uploader speaks.</summary>
public enum StorageProvider
{
    /// <summary>Tencent Cloud Object Storage (<c>q-sign-algorithm=sha1</c>, <c>x-cos-hash-crc64ecma</c>).</summary>
    Cos,

    /// <summary>Alibaba Cloud Object Storage Service (<c>OSS4-HMAC-SHA256</c> or V1, <c>x-oss-hash-crc64ecma</c>).</summary>
    Oss,
}
