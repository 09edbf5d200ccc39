namespace CrcBuildTools.ObjectStorage;

/// <summary>Which OSS request signature to send.</summary>
public enum OssSignatureVersion
{
    /// <summary>Legacy HMAC-SHA1 (<c>Authorization: OSS ak:signature</c>), closed to accounts created since 2025-03-01.</summary>
    V1 = 1,

    /// <summary><c>OSS4-HMAC-SHA256</c>, the default.</summary>
    V4 = 4,
}
