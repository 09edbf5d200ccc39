using System;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Where requests go. Both services refuse path-style addressing, so the default is the virtual-host URL; an
/// override replaces the whole base URL (custom domain, accelerate endpoint, loopback emulator).
/// </summary>
internal static class StorageEndpoint
{
    /// <summary>The base URL without trailing slash; requests append <c>/&lt;encoded key&gt;</c>.</summary>
    public static Uri Resolve(ObjectStorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return new Uri(options.Endpoint!.TrimEnd('/'), UriKind.Absolute);
        }

        return options.Provider == StorageProvider.Cos
            ? new Uri($"https://{options.Bucket}.cos.{options.Region}.myqcloud.com")
            : new Uri($"https://{options.Bucket}.oss-{options.SigningRegion}.aliyuncs.com");
    }

    /// <summary>The Host header value HttpClient sends for <paramref name="baseUri"/> (port only when not default).</summary>
    public static string HostHeader(Uri baseUri) => baseUri.IsDefaultPort ? baseUri.IdnHost : baseUri.IdnHost + ":" + baseUri.Port;
}
