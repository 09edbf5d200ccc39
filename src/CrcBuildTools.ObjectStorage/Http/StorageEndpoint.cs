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

    /// <summary>
    /// The endpoint as it may appear in a message: a user name and password in it (<c>https://user:pw@host</c>) are
    /// replaced by <c>***</c>, whether or not the text parses as a URL. Every message that shows the endpoint uses this.
    /// </summary>
    public static string Redact(string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint))
        {
            return string.Empty;
        }

        string text = endpoint!;
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int authorityEnd = text.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        int at = text.LastIndexOf('@', authorityEnd < 0 ? text.Length - 1 : authorityEnd - 1);
        return at < authorityStart ? text : text.Substring(0, authorityStart) + "***" + text.Substring(at);
    }

    /// <summary>The Host header value HttpClient sends for <paramref name="baseUri"/> (port only when not default).</summary>
    public static string HostHeader(Uri baseUri) => baseUri.IsDefaultPort ? baseUri.IdnHost : baseUri.IdnHost + ":" + baseUri.Port;
}
