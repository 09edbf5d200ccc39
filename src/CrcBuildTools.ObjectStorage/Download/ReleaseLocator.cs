using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage.Http;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>A release as found through its SOURCE: the manifest (the authority), where its files live, and the pointer followed to it.</summary>
internal sealed class LocatedRelease
{
    public LocatedRelease(Crc64Manifest manifest, byte[] manifestBytes, string manifestKey, Crc64ChannelPointer? pointer, CrcHeaderState manifestHeader)
    {
        Manifest = manifest;
        ManifestBytes = manifestBytes;
        ManifestKey = manifestKey;
        Pointer = pointer;
        ManifestHeader = manifestHeader;
        int slash = manifestKey.LastIndexOf('/');
        FolderKey = slash < 0 ? "" : manifestKey.Substring(0, slash + 1);
        ManifestFileName = manifestKey.Substring(slash + 1);
    }

    public Crc64Manifest Manifest { get; }

    public byte[] ManifestBytes { get; }

    public string ManifestKey { get; }

    /// <summary>The manifest's folder: file keys are this plus the manifest path.</summary>
    public string FolderKey { get; }

    public string ManifestFileName { get; }

    public Crc64ChannelPointer? Pointer { get; }

    public CrcHeaderState ManifestHeader { get; }

    public string KeyOf(string path) => FolderKey + path;
}

/// <summary>
/// Fetches SOURCE, follows a channel pointer to its manifest and checks the manifest against the pointer. The
/// manifest is small and read into memory (at most <see cref="MaxControlObjectBytes"/>); its own CRC header, when
/// sent, must match the bytes that arrived.
/// </summary>
internal static class ReleaseLocator
{
    public const int MaxControlObjectBytes = 128 * 1024 * 1024;

    public static async Task<LocatedRelease> LocateAsync(ReleaseSource source, ObjectStorageClient client, CancellationToken cancellationToken)
    {
        (byte[] bytes, CrcHeaderState header) = await FetchRequiredAsync(source, client, source.Key, "manifest or channel pointer", cancellationToken).ConfigureAwait(false);
        string text = Decode(bytes, source.Describe(source.Key));
        Crc64ChannelPointer? pointer;
        try
        {
            Crc64ChannelPointer.TryParse(text, source.Describe(source.Key), out pointer);
        }
        catch (FormatException e)
        {
            throw Invalid(source, source.Key, e.Message);
        }

        if (pointer is null)
        {
            return new LocatedRelease(Parse(source, source.Key, bytes), bytes, source.Key, null, header);
        }

        // Keys in a pointer are bucket keys; behind a URL the bucket may sit under a path, which the pointer's own key reveals.
        string root = source.IsAnonymous && source.Key.EndsWith(pointer.ChannelKey, StringComparison.Ordinal)
            ? source.Key.Substring(0, source.Key.Length - pointer.ChannelKey.Length)
            : "";
        string manifestKey = root + pointer.ManifestKey;
        (byte[] manifestBytes, CrcHeaderState manifestHeader) = await FetchRequiredAsync(source, client, manifestKey, "manifest the channel pointer names", cancellationToken)
            .ConfigureAwait(false);
        ulong crc = Crc64Xz.Hash(manifestBytes);
        if (manifestBytes.Length != pointer.ManifestLength || crc != pointer.ManifestCrc64)
        {
            throw new ObjectStorageException(DownloadErrorCodes.PointerMismatch,
                $"The manifest '{source.Describe(manifestKey)}' is {manifestBytes.Length} bytes with CRC-64 {Crc64XzFormat.ToDecimalString(crc)}, " +
                $"but the channel pointer '{source}' records {pointer.ManifestLength} bytes with CRC-64 {Crc64XzFormat.ToDecimalString(pointer.ManifestCrc64)}",
                "The manifest was replaced after the channel was pointed at it, or the pointer is stale. Publish the release (and its channel) again.")
            {
                ObjectKey = manifestKey, LocalCrc = pointer.ManifestCrc64, RemoteCrc = crc,
            };
        }

        return new LocatedRelease(Parse(source, manifestKey, manifestBytes), manifestBytes, manifestKey, pointer, manifestHeader);
    }

    /// <summary>GETs a small object whole; null when it does not exist. A CRC header that disagrees with the bytes is retried.</summary>
    public static Task<(byte[] Bytes, CrcHeaderState Header)?> FetchSmallAsync(ObjectStorageClient client, string key, CancellationToken cancellationToken)
    {
        var spec = new RequestSpec("GET", HttpMethod.Get, key) { AllowNotFound = true };
        return client.Pipeline.SendAsync<(byte[], CrcHeaderState)?>(spec, async (response, token) =>
        {
            if (response.Status == 404)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int read;
            while ((read = await response.ReadBodyAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxControlObjectBytes)
                {
                    throw new ObjectStorageException(DownloadErrorCodes.ManifestInvalid,
                        $"'{key}' is larger than {MaxControlObjectBytes / 1024 / 1024} MiB, which no manifest or channel pointer is",
                        "Point SOURCE at the release's *.crc64.json manifest or its channel pointer.") { ObjectKey = key };
                }
            }

            byte[] bytes = buffer.ToArray();
            var buffered = new StorageResponse(response.Status, response.Headers, Array.Empty<byte>(), response.RequestId);
            ulong? header = client.ReadCrc(spec, buffered);
            ulong actual = Crc64Xz.Hash(bytes);
            if (header is ulong expected && expected != actual)
            {
                throw new RetryableFailure("CRC-64 of the body differs from its header",
                    StoragePipeline.Failure(spec, buffered, null, DownloadErrorCodes.ContentMismatch,
                        $"The bytes received for '{key}' differ from the service's CRC-64 header, on every attempt",
                        "The bytes were damaged on the way (proxy, network). Run again.", actual, expected));
            }

            return (bytes, header is null ? CrcHeaderState.Missing : CrcHeaderState.Matched);
        }, cancellationToken);
    }

    public static Crc64Manifest Parse(ReleaseSource source, string key, byte[] bytes)
    {
        try
        {
            return Crc64ManifestReader.Parse(bytes, source.Describe(key));
        }
        catch (Crc64ManifestException e)
        {
            throw Invalid(source, key, e.Message);
        }
    }

    private static async Task<(byte[] Bytes, CrcHeaderState Header)> FetchRequiredAsync(
        ReleaseSource source, ObjectStorageClient client, string key, string what, CancellationToken cancellationToken)
    {
        if (key.Length == 0 || key.EndsWith("/", StringComparison.Ordinal))
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSource, $"SOURCE '{source}' names a folder, not a {what}",
                "Name the release's *.crc64.json manifest or its channel pointer (e.g. MyApp/channels/stable.json).");
        }

        return await FetchSmallAsync(client, key, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectStorageException(DownloadErrorCodes.ManifestNotFound,
                $"The {what} '{source.Describe(key)}' does not exist, so there is no complete release there",
                "Check the key (a release is complete only once its manifest is uploaded; the upload writes it last). Nothing was written.")
            {
                ObjectKey = key,
            };
    }

    private static string Decode(byte[] bytes, string name)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ""; // not text: the manifest reader gives the coded reason
        }
    }

    private static ObjectStorageException Invalid(ReleaseSource source, string key, string problem) =>
        new(DownloadErrorCodes.ManifestInvalid, $"'{source.Describe(key)}' is neither a valid manifest nor a valid channel pointer: {problem}",
            "Point SOURCE at a *.crc64.json manifest or a channel pointer written by a CrcBuildTools upload.") { ObjectKey = key };
}
