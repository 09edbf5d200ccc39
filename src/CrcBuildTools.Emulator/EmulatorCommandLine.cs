using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrcBuildTools.Emulator;

/// <summary>
/// <c>crc64xz-emulator</c>'s arguments. Credentials come from the same environment variables the uploader and the
/// downloader read, so one <c>export</c> serves both sides; without them the documented test defaults apply.
/// </summary>
internal sealed record EmulatorCommandLine(EmulatorOptions Options, bool ShowHelp)
{
    public const string Usage =
        """
        crc64xz-emulator: a local Tencent COS or Alibaba OSS bucket on 127.0.0.1, with signature checks, CRC-64 headers
        and fault injection (docs/emulator.md).

        Usage: crc64xz-emulator [--provider cos|oss] [--port N] [--bucket NAME] [--region ID]
                                [--public-read] [--min-part-size BYTES]

          --provider       cos or oss (default oss)
          --port           TCP port on 127.0.0.1; 0 (default) picks a free one
          --bucket         default emulated-1250000000 (cos) / emulated-bucket (oss)
          --region         default ap-guangzhou (cos) / cn-hangzhou (oss)
          --public-read    serve unsigned GET and HEAD of objects, as a public bucket or a CDN would
          --min-part-size  smallest part but the last (default 1 MiB for cos, 100 KiB for oss)

        Credentials expected (same variables as the uploader; defaults emulator-access-key-id / emulator-secret):
          cos: COS_SECRET_ID, COS_SECRET_KEY, optional COS_SESSION_TOKEN
          oss: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, optional OSS_SESSION_TOKEN
        It prints the endpoint to use (for example -p:Crc64UploadEndpoint=...) and runs until Ctrl+C or SIGTERM.
        """;

    /// <summary>Parses the arguments, or returns the reason they are not usable.</summary>
    public static (EmulatorCommandLine? CommandLine, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool publicRead = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return (new EmulatorCommandLine(new EmulatorOptions(), true), null);
                case "--public-read":
                    publicRead = true;
                    break;
                case "--provider" or "--port" or "--bucket" or "--region" or "--min-part-size":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        return (null, $"{arg} needs a value.");
                    }

                    values[arg] = args[++i];
                    break;
                default:
                    return (null, $"Unknown argument '{arg}'.");
            }
        }

        string providerText = values.GetValueOrDefault("--provider", "oss");
        EmulatedProvider provider;
        switch (providerText.ToLowerInvariant())
        {
            case "cos":
                provider = EmulatedProvider.Cos;
                break;
            case "oss":
                provider = EmulatedProvider.Oss;
                break;
            default:
                return (null, $"--provider must be cos or oss, not '{providerText}'.");
        }

        if (!int.TryParse(values.GetValueOrDefault("--port", "0"), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return (null, $"--port must be a number from 0 to 65535, not '{values["--port"]}'.");
        }

        long? minimumPartSize = null;
        if (values.TryGetValue("--min-part-size", out string? minimum))
        {
            if (!long.TryParse(minimum, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                return (null, $"--min-part-size must be a number of bytes, not '{minimum}'.");
            }

            minimumPartSize = parsed;
        }

        bool cos = provider == EmulatedProvider.Cos;
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var options = new EmulatorOptions
        {
            Provider = provider,
            Port = port,
            Bucket = values.GetValueOrDefault("--bucket", cos ? "emulated-1250000000" : "emulated-bucket"),
            Region = values.GetValueOrDefault("--region", cos ? "ap-guangzhou" : "cn-hangzhou"),
            AccessKeyId = Env(cos ? "COS_SECRET_ID" : "OSS_ACCESS_KEY_ID") ?? "emulator-access-key-id",
            Secret = Env(cos ? "COS_SECRET_KEY" : "OSS_ACCESS_KEY_SECRET") ?? "emulator-secret",
            SessionToken = Env(cos ? "COS_SESSION_TOKEN" : "OSS_SESSION_TOKEN"),
            MinimumPartSize = minimumPartSize,
            PublicRead = publicRead,
        };
        return (new EmulatorCommandLine(options, false), null);
    }
}
