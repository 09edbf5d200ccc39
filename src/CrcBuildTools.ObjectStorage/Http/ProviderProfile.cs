using System.Collections.Generic;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage.Signing;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// The per-service names: header prefix, CRC header, request-id header, and the signer to use. The anonymous
/// profile (an https SOURCE: public-read bucket, CDN, custom domain) signs nothing and accepts either vendor's
/// headers, because it cannot know which service stands behind the URL.
/// </summary>
internal sealed class ProviderProfile
{
    private static readonly string[] BothPrefixes = { "x-cos-", "x-oss-" };
    private readonly string[] _prefixes;

    private ProviderProfile(StorageProvider? provider, string[] prefixes, IRequestSigner? signer)
    {
        Provider = provider;
        _prefixes = prefixes;
        Signer = signer;
    }

    /// <summary>Null for the anonymous profile.</summary>
    public StorageProvider? Provider { get; }

    /// <summary>Null for anonymous requests: nothing is signed.</summary>
    public IRequestSigner? Signer { get; }

    /// <summary>The CRC header name for messages: the provider's, or both for an anonymous source.</summary>
    public string CrcHeader => Provider is null ? "x-cos-hash-crc64ecma / x-oss-hash-crc64ecma" : _prefixes[0] + "hash-crc64ecma";

    public string DisplayName => Provider switch
    {
        StorageProvider.Cos => "COS",
        StorageProvider.Oss => "OSS",
        _ => "The server",
    };

    /// <summary>Whether ranged GETs need <c>x-oss-range-behavior: standard</c> (OSS answers 200 with the whole object otherwise).</summary>
    public bool SendsOssRangeBehavior => Provider != StorageProvider.Cos;

    public static ProviderProfile Anonymous { get; } = new(null, BothPrefixes, null);

    public static ProviderProfile For(ObjectStorageOptions options) => options.Provider switch
    {
        StorageProvider.Cos => new ProviderProfile(StorageProvider.Cos, new[] { "x-cos-" }, new CosSigner()),
        _ when options.SignatureVersion == OssSignatureVersion.V1 =>
            new ProviderProfile(StorageProvider.Oss, new[] { "x-oss-" }, new OssV1Signer(options.Bucket)),
        _ => new ProviderProfile(StorageProvider.Oss, new[] { "x-oss-" }, new OssV4Signer(options.Bucket, options.SigningRegion)),
    };

    public string? RequestId(IReadOnlyDictionary<string, string> headers) => First(headers, "request-id");

    /// <summary>The CRC header's text, null when absent.</summary>
    public string? CrcText(IReadOnlyDictionary<string, string> headers) => First(headers, "hash-crc64ecma");

    /// <summary>The CRC header, null when absent.</summary>
    /// <exception cref="System.FormatException">The header is present but not a CRC-64 value.</exception>
    public ulong? Crc64(IReadOnlyDictionary<string, string> headers) => CrcText(headers) is string text ? Crc64XzFormat.Parse(text) : null;

    private string? First(IReadOnlyDictionary<string, string> headers, string suffix)
    {
        foreach (string prefix in _prefixes)
        {
            if (headers.TryGetValue(prefix + suffix, out string? value))
            {
                return value;
            }
        }

        return null;
    }
}
