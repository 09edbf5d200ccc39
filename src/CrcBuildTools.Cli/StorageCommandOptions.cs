using System;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Cli;

/// <summary>The options every storage command shares: where the bucket is, how to sign, how hard to try.</summary>
internal static class StorageCommandOptions
{
    public static readonly string[] Flags = { "--allow-insecure-http", "--json", "--quiet" };

    public static readonly string[] Options = { "--region", "--endpoint", "--signature-version", "--max-attempts", "--timeout" };

    public static string[] With(string[] shared, params string[] own)
    {
        var all = new string[shared.Length + own.Length];
        shared.CopyTo(all, 0);
        own.CopyTo(all, shared.Length);
        return all;
    }

    /// <summary>Parses SOURCE with the connection options; credentials come from <paramref name="environment"/> only.</summary>
    public static ReleaseSource Source(CommandLine line, string text, Func<string, string?> environment)
    {
        OssSignatureVersion version = line.Value("--signature-version") switch
        {
            null or "4" or "v4" => OssSignatureVersion.V4,
            "1" or "v1" => OssSignatureVersion.V1,
            string other => throw new UsageException($"--signature-version must be 4 or 1 (legacy OSS accounts), not '{other}'."),
        };
        TimeSpan timeout = TimeSpan.FromSeconds(line.Int("--timeout", 300, 1, 86_400));
        var settings = new ReleaseSourceOptions
        {
            Region = line.Value("--region"),
            Endpoint = line.Value("--endpoint"),
            SignatureVersion = version,
            AllowInsecureHttp = line.Has("--allow-insecure-http"),
            MaxAttempts = line.Int("--max-attempts", 3, 1, 20),
            RequestTimeout = timeout,
        };
        ReleaseSource source = ReleaseSource.Parse(text, settings);
        if (source.Provider is StorageProvider provider)
        {
            try
            {
                return ReleaseSource.Parse(text, new ReleaseSourceOptions
                {
                    Region = settings.Region, Endpoint = settings.Endpoint, SignatureVersion = settings.SignatureVersion,
                    AllowInsecureHttp = settings.AllowInsecureHttp, MaxAttempts = settings.MaxAttempts, RequestTimeout = settings.RequestTimeout,
                    Credentials = StorageCredentials.FromEnvironment(provider, environment),
                });
            }
            catch (ObjectStorageException e) when (e.Code is StorageErrorCodes.MissingCredentials or StorageErrorCodes.IncompleteCredentials)
            {
                throw new ObjectStorageException(DownloadErrorCodes.MissingCredentials, e.Summary,
                    e.Advice.Replace("of the build", "of this command") + " For a public-read bucket or a CDN, use the https:// URL instead: it needs no credentials.");
            }
        }

        return source;
    }
}
