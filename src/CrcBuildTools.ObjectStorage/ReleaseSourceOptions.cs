using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>How to reach a <see cref="ReleaseSource"/>: where the bucket is, and how hard to try.</summary>
public sealed class ReleaseSourceOptions
{
    /// <summary>The bucket's region (signed sources), e.g. <c>ap-guangzhou</c> or <c>cn-hangzhou</c>. Not needed with <see cref="Endpoint"/>, except for OSS V4 signing.</summary>
    public string? Region { get; init; }

    /// <summary>Base URL override for a signed source (custom domain, accelerate endpoint, loopback emulator).</summary>
    public string? Endpoint { get; init; }

    /// <summary>OSS only: which signature to send.</summary>
    public OssSignatureVersion SignatureVersion { get; init; } = OssSignatureVersion.V4;

    /// <summary>Allow plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>The key pair for a signed source; null reads the provider's environment variables.</summary>
    public StorageCredentials? Credentials { get; init; }

    /// <summary>Attempts per request (and per file after a CRC mismatch); 1 to 20.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long one request may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Base of the full-jitter exponential backoff (the upload's policy).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the full-jitter exponential backoff.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);
}
