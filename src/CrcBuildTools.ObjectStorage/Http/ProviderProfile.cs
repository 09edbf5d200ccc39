using CrcBuildTools.ObjectStorage.Signing;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>The per-service names: header prefix, CRC header, request-id header, and the signer to use.</summary>
internal sealed class ProviderProfile
{
    private ProviderProfile(StorageProvider provider, string headerPrefix, IRequestSigner signer)
    {
        Provider = provider;
        HeaderPrefix = headerPrefix;
        Signer = signer;
    }

    public StorageProvider Provider { get; }

    /// <summary><c>x-cos-</c> or <c>x-oss-</c>.</summary>
    public string HeaderPrefix { get; }

    public string CrcHeader => HeaderPrefix + "hash-crc64ecma";

    public string RequestIdHeader => HeaderPrefix + "request-id";

    public IRequestSigner Signer { get; }

    public string DisplayName => Provider == StorageProvider.Cos ? "COS" : "OSS";

    public static ProviderProfile For(ObjectStorageOptions options) => options.Provider switch
    {
        StorageProvider.Cos => new ProviderProfile(StorageProvider.Cos, "x-cos-", new CosSigner()),
        _ when options.SignatureVersion == OssSignatureVersion.V1 =>
            new ProviderProfile(StorageProvider.Oss, "x-oss-", new OssV1Signer(options.Bucket)),
        _ => new ProviderProfile(StorageProvider.Oss, "x-oss-", new OssV4Signer(options.Bucket, options.SigningRegion)),
    };
}
