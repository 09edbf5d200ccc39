using System;
using System.Net.Http;
using CrcBuildTools.ObjectStorage.Http;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Where a release is read from: a manifest or a channel pointer, named as <c>cos://&lt;bucket&gt;/&lt;key&gt;</c> or
/// <c>oss://&lt;bucket&gt;/&lt;key&gt;</c> (signed, credentials from the environment) or as an <c>https://</c> URL
/// (anonymous: a public-read bucket, a CDN or a custom domain; no credentials at all).
/// </summary>
public sealed class ReleaseSource
{
    private ReleaseSource(StorageProvider? provider, string? bucket, string key, Uri? url, ReleaseSourceOptions options)
    {
        Provider = provider;
        Bucket = bucket;
        Key = key;
        Url = url;
        Options = options;
    }

    /// <summary>COS or OSS for a signed source; null for an https URL.</summary>
    public StorageProvider? Provider { get; }

    /// <summary>The bucket of a signed source.</summary>
    public string? Bucket { get; }

    /// <summary>The object key SOURCE names (for a URL: its decoded path without the leading <c>/</c>).</summary>
    public string Key { get; }

    /// <summary>The URL of an anonymous source.</summary>
    public Uri? Url { get; }

    /// <summary>How the source is reached.</summary>
    public ReleaseSourceOptions Options { get; }

    /// <summary>True for an https (anonymous) source.</summary>
    public bool IsAnonymous => Provider is null;

    /// <summary>Parses SOURCE.</summary>
    /// <param name="source"><c>cos://bucket/key</c>, <c>oss://bucket/key</c> or <c>https://host/path</c>.</param>
    /// <param name="options">Region, endpoint, signature version, retries; null for the defaults.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ObjectStorageException">CRC4001 for a SOURCE that is none of these, CRC4003 for plain http to a remote host.</exception>
    public static ReleaseSource Parse(string source, ReleaseSourceOptions? options = null)
    {
        options ??= new ReleaseSourceOptions();
        string text = (source ?? "").Trim();
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        string prefix = scheme > 0 ? text.Substring(0, scheme).ToLowerInvariant() : "";
        if (prefix is "cos" or "oss")
        {
            string rest = text.Substring(scheme + 3);
            int slash = rest.IndexOf('/');
            string bucket = slash < 0 ? rest : rest.Substring(0, slash);
            string key = slash < 0 ? "" : rest.Substring(slash + 1);
            if (bucket.Length == 0)
            {
                throw Invalid(source!, "it names no bucket");
            }

            return new ReleaseSource(prefix == "cos" ? StorageProvider.Cos : StorageProvider.Oss, bucket, key, null, options);
        }

        if (prefix is "https" or "http" && Uri.TryCreate(text, UriKind.Absolute, out Uri? url))
        {
            if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
            {
                throw Invalid(source!, "an https SOURCE takes no query, fragment or user info (a signed CDN URL is valid for one file only)");
            }

            if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !options.AllowInsecureHttp)
            {
                throw new ObjectStorageException(DownloadErrorCodes.InsecureSource, $"SOURCE '{url}' uses plain http, so anyone on the way can change the bytes and the manifest together",
                    "Use https, or pass --allow-insecure-http if this network is trusted.");
            }

            return new ReleaseSource(null, null, Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')), url, options);
        }

        throw Invalid(source!, "it is not cos://<bucket>/<key>, oss://<bucket>/<key> or an https:// URL");
    }

    /// <summary>The address of <paramref name="key"/> in this source, for messages.</summary>
    /// <param name="key">An object key in the same bucket (or under the same URL root).</param>
    /// <returns>For example <c>oss://bucket/MyApp/1.2.3/app.dll</c>.</returns>
    public string Describe(string key) => Url is Uri url
        ? url.GetLeftPart(UriPartial.Authority) + "/" + Signing.PercentEncoding.EncodePath(key)
        : (Provider == StorageProvider.Cos ? "cos://" : "oss://") + Bucket + "/" + key;

    /// <inheritdoc />
    public override string ToString() => Describe(Key);

    /// <summary>Opens a client for this source (download side: CRC4xxx codes).</summary>
    internal ObjectStorageClient Connect(HttpMessageHandler? handler = null)
    {
        ObjectStorageOptions tuning = ToStorageOptions(Provider, Bucket ?? "", Options.Region ?? "", Options.Endpoint);
        if (Url is Uri url)
        {
            // Only the tuning applies to an anonymous source; a placeholder bucket lets the shared validation run.
            EnsureValid(ToStorageOptions(StorageProvider.Oss, "anonymous-source", "anonymous", null));
            return new ObjectStorageClient(new Uri(url.GetLeftPart(UriPartial.Authority)), tuning, handler);
        }

        EnsureValid(tuning);
        StorageCredentials credentials;
        try
        {
            credentials = Options.Credentials ?? StorageCredentials.FromEnvironment(Provider!.Value);
        }
        catch (ObjectStorageException e)
        {
            throw new ObjectStorageException(DownloadErrorCodes.MissingCredentials, e.Summary,
                e.Advice.Replace("of the build", "of this command") + " For a public-read bucket or a CDN, use the https:// URL instead: it needs no credentials.");
        }

        return new ObjectStorageClient(tuning, credentials, handler, StorageSide.Download);
    }

    private ObjectStorageOptions ToStorageOptions(StorageProvider? provider, string bucket, string region, string? endpoint) => new()
    {
        Provider = provider,
        Bucket = bucket,
        Region = region,
        Endpoint = endpoint,
        SignatureVersion = Options.SignatureVersion,
        AllowInsecureHttp = Options.AllowInsecureHttp,
        MaxAttempts = Options.MaxAttempts,
        RequestTimeout = Options.RequestTimeout,
        RetryBaseDelay = Options.RetryBaseDelay,
        RetryMaxDelay = Options.RetryMaxDelay,
    };

    /// <summary>The upload's validation, reworded for command-line options and given CRC4xxx codes.</summary>
    private static void EnsureValid(ObjectStorageOptions options)
    {
        foreach (StorageConfigurationError error in options.Validate())
        {
            string message = error.Message
                .Replace("Crc64UploadRegion", "--region").Replace("Crc64UploadEndpoint", "--endpoint")
                .Replace("Crc64UploadSignatureVersion", "--signature-version").Replace("Crc64UploadAllowInsecureHttp=true", "--allow-insecure-http")
                .Replace("Crc64UploadMaxAttempts", "--max-attempts").Replace("Crc64UploadBucket", "the bucket in SOURCE");
            string code = error.Code == StorageErrorCodes.InsecureEndpoint ? DownloadErrorCodes.InsecureSource
                : error.Code == StorageErrorCodes.InvalidBucket ? DownloadErrorCodes.InvalidSource
                : DownloadErrorCodes.InvalidSettings;
            if (error.Code is StorageErrorCodes.InvalidTuning && !message.Contains("--max-attempts") && !message.Contains("timeout"))
            {
                continue; // part-size limits of the upload do not concern a download
            }

            throw new ObjectStorageException(code, message, "Fix the option and run again.");
        }
    }

    private static ObjectStorageException Invalid(string source, string why) =>
        new(DownloadErrorCodes.InvalidSource, $"SOURCE '{source}' cannot be read: {why}",
            "Name the manifest or channel pointer as cos://<bucket>/<key>, oss://<bucket>/<key> or https://<host>/<path>.");
}
