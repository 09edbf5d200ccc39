using System;

namespace CrcBuildTools.Emulator;

/// <summary>How an emulator instance behaves. Defaults imitate the real services.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The service to imitate: its signature scheme, header prefix, error XML and part-size minimum.</summary>
    public EmulatedProvider Provider { get; init; } = EmulatedProvider.Oss;

    /// <summary>The one bucket this instance serves; signatures must name it (COS: <c>name-appid</c>).</summary>
    public string Bucket { get; init; } = "emulated-bucket";

    /// <summary>OSS V4 scopes name it; requests scoped to another region are refused.</summary>
    public string Region { get; init; } = "cn-hangzhou";

    /// <summary>The only key id accepted (COS SecretId, OSS AccessKeyId); any other is InvalidAccessKeyId.</summary>
    public string AccessKeyId { get; init; } = "emulator-access-key-id";

    /// <summary>The secret signatures are checked with. Never written to any answer or log.</summary>
    public string Secret { get; init; } = "emulator-secret";

    /// <summary>When set, every request must carry this token in x-cos-/x-oss-security-token, and sign it.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Parts except the last must be at least this big (COS 1 MiB, OSS 100 KiB by default).</summary>
    public long? MinimumPartSize { get; init; }

    /// <summary>0 = any free port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// False is lean mode, for throughput benchmarks with large files: only length and CRC of objects are kept (GET
    /// then answers 501), and ETags are derived from the CRC instead of taking an MD5 pass over every byte.
    /// </summary>
    public bool KeepObjectBytes { get; init; } = true;

    /// <summary>
    /// A public-read bucket: GET and HEAD of objects need no signature (a signed one is still checked). Listing and
    /// every write stay signed. This is what an <c>https://</c> download from a public bucket or a CDN meets.
    /// </summary>
    public bool PublicRead { get; init; }

    /// <summary>How long a <see cref="FaultKind.SlowAnswer"/> waits before answering.</summary>
    public TimeSpan SlowAnswerDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>OSS refuses requests whose date is further than this from its clock.</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary><see cref="MinimumPartSize"/>, or the provider's own minimum when it is not set.</summary>
    public long EffectiveMinimumPartSize => MinimumPartSize ?? (Provider == EmulatedProvider.Cos ? 1024 * 1024 : 100 * 1024);

    /// <summary><c>x-cos-</c> or <c>x-oss-</c>: the prefix of the provider's own headers.</summary>
    public string HeaderPrefix => Provider == EmulatedProvider.Cos ? "x-cos-" : "x-oss-";
}
