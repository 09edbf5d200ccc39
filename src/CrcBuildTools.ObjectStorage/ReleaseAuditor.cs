using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage.Download;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Checks a release in place, without downloading it: one HEAD per manifest entry, in parallel, comparing length and
/// CRC-64 header with the manifest. Missing, other length, other CRC and no header are each their own state.
/// <code>
/// using var auditor = new ReleaseAuditor(ReleaseSource.Parse("cos://releases-1250000000/MyApp/1.2.3/MyApp.crc64.json",
///     new ReleaseSourceOptions { Region = "ap-guangzhou" }));
/// AuditReport report = await auditor.AuditAsync();
/// </code>
/// </summary>
public sealed class ReleaseAuditor : IDisposable
{
    private readonly ReleaseSource _source;
    private readonly AuditOptions _options;
    private readonly ObjectStorageClient _client;

    /// <summary>Creates an auditor.</summary>
    /// <param name="source">The manifest, a channel pointer, or (with a local manifest) the release's prefix.</param>
    /// <param name="options">Parallelism, local manifest, extra-object listing; null for the defaults.</param>
    /// <exception cref="ObjectStorageException">Settings or credentials are unusable (CRC4001-CRC4004).</exception>
    public ReleaseAuditor(ReleaseSource source, AuditOptions? options = null)
        : this(source, options, handler: null)
    {
    }

    internal ReleaseAuditor(ReleaseSource source, AuditOptions? options, HttpMessageHandler? handler)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? new AuditOptions();
        if (_options.Parallelism is < 1 or > 64)
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSettings, $"--parallelism {_options.Parallelism} is out of range", "Use 1 to 64.");
        }

        if (_options.ListExtraObjects && source.IsAnonymous)
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSettings, "Listing extra objects needs a signed cos:// or oss:// SOURCE",
                "An https URL cannot list a bucket; audit the cos:// or oss:// address with credentials, or drop --list-extra.");
        }

        _client = source.Connect(handler);
    }

    /// <summary>Runs the audit.</summary>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>Every finding.</returns>
    /// <exception cref="ObjectStorageException">The manifest cannot be found or read, or the service refused (CRC4xxx).</exception>
    public async Task<AuditReport> AuditAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        (Crc64Manifest manifest, string folderKey, string? manifestKey, string? version, byte[]? localManifest) = await ManifestAsync(cancellationToken).ConfigureAwait(false);
        var checks = manifest.Files.Select(f => (Path: f.Path, Key: folderKey + f.Path, Length: f.Length, Crc: f.Crc64)).ToList();
        if (localManifest is not null && manifestKey is not null)
        {
            // Against a local manifest, the manifest object is part of what must match: it is what downloaders read.
            checks.Add((manifestKey.Substring(folderKey.Length), manifestKey, localManifest.Length, Crc64Xz.Hash(localManifest)));
        }

        var findings = new AuditFinding[checks.Count];
        using var slots = new SemaphoreSlim(_options.Parallelism, _options.Parallelism);
        await Task.WhenAll(checks.Select(async (check, index) =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ObjectMetadata? head = await _client.HeadObjectAsync(check.Key, cancellationToken).ConfigureAwait(false);
                findings[index] = Judge(check.Path, check.Key, check.Length, check.Crc, head);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        var all = new List<AuditFinding>(findings);
        if (_options.ListExtraObjects)
        {
            var named = new HashSet<string>(checks.Select(c => c.Key), StringComparer.Ordinal);
            if (manifestKey is not null)
            {
                named.Add(manifestKey);
            }

            foreach (var listed in await _client.ListObjectsAsync(folderKey, cancellationToken).ConfigureAwait(false))
            {
                if (!named.Contains(listed.Key))
                {
                    all.Add(new AuditFinding(listed.Key.Substring(folderKey.Length), listed.Key, AuditState.Extra, null, listed.Length, null, null, null));
                }
            }
        }

        return new AuditReport(_source.Describe(manifestKey ?? folderKey), version, all, _options.AllowMissingCrcHeader, clock.Elapsed);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static AuditFinding Judge(string path, string key, long length, ulong crc, ObjectMetadata? head)
    {
        AuditState state = head is null ? AuditState.Missing
            : head.Length != length ? AuditState.LengthDiffers
            : head.Crc64 is null ? AuditState.NoCrcHeader
            : head.Crc64 != crc ? AuditState.CrcDiffers
            : AuditState.Verified;
        return new AuditFinding(path, key, state, length, head?.Length, crc, head?.Crc64, head?.RequestId);
    }

    private async Task<(Crc64Manifest Manifest, string FolderKey, string? ManifestKey, string? Version, byte[]? Local)> ManifestAsync(CancellationToken cancellationToken)
    {
        if (_options.LocalManifestPath is string localPath)
        {
            Crc64Manifest local;
            byte[] bytes;
            try
            {
                bytes = System.IO.File.ReadAllBytes(localPath);
                local = Crc64ManifestReader.Parse(bytes, localPath);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or Crc64ManifestException)
            {
                throw new ObjectStorageException(DownloadErrorCodes.ManifestInvalid, $"The local manifest '{localPath}' cannot be used: {e.Message}",
                    "Pass the *.crc64.json that the build or publish wrote.", e) { FilePath = localPath };
            }

            string key = _source.Key;
            bool isFolder = key.Length == 0 || key.EndsWith("/", StringComparison.Ordinal);
            string folder = isFolder ? key : key.Substring(0, key.LastIndexOf('/') + 1);
            return (local, folder, isFolder ? null : key, null, bytes);
        }

        LocatedRelease release = await ReleaseLocator.LocateAsync(_source, _client, cancellationToken).ConfigureAwait(false);
        return (release.Manifest, release.FolderKey, release.ManifestKey, release.Pointer?.Version, null);
    }
}
