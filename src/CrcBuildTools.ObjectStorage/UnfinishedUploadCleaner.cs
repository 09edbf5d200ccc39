using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Finds, and on request aborts, the multipart uploads left unfinished under a prefix (an upload killed with
/// SIGKILL, a crashed agent). The services bill their parts until somebody aborts them.
/// </summary>
public sealed class UnfinishedUploadCleaner : IDisposable
{
    private readonly ReleaseSource _prefix;
    private readonly ObjectStorageClient _client;

    /// <summary>Creates a cleaner for the prefix <paramref name="prefix"/> names (a signed cos:// or oss:// address).</summary>
    /// <param name="prefix">For example <c>cos://releases-1250000000/MyApp/</c>.</param>
    /// <exception cref="ObjectStorageException">An https prefix (CRC4002), or unusable settings or credentials.</exception>
    public UnfinishedUploadCleaner(ReleaseSource prefix)
        : this(prefix, handler: null)
    {
    }

    internal UnfinishedUploadCleaner(ReleaseSource prefix, HttpMessageHandler? handler)
    {
        _prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
        if (prefix.IsAnonymous)
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSettings, "Cleanup needs a signed cos:// or oss:// PREFIX-URL",
                "Listing and aborting uploads needs the bucket's credentials; pass cos://<bucket>/<prefix> or oss://<bucket>/<prefix>.");
        }

        _client = prefix.Connect(handler);
    }

    /// <summary>Every unfinished upload under the prefix, oldest first, optionally only those older than <paramref name="olderThan"/>.</summary>
    /// <param name="olderThan">Keep only uploads started longer ago than this; null for all.</param>
    /// <param name="now">The current time (injectable for tests); null for the clock.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>The uploads.</returns>
    public async Task<IReadOnlyList<UnfinishedUpload>> ListAsync(TimeSpan? olderThan = null, DateTimeOffset? now = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset at = now ?? DateTimeOffset.UtcNow;
        List<UnfinishedUpload> all = await _client.ListMultipartUploadsAsync(_prefix.Key, cancellationToken).ConfigureAwait(false);
        return all
            .Where(u => olderThan is null || (u.AgeAt(at) is TimeSpan age && age > olderThan.Value))
            .OrderBy(u => u.Initiated ?? DateTimeOffset.MaxValue)
            .ToList();
    }

    /// <summary>Aborts one upload (an upload already gone is not an error).</summary>
    /// <param name="upload">From <see cref="ListAsync"/>.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ObjectStorageException">The abort failed (CRC4060, with the service's reason).</exception>
    public async Task AbortAsync(UnfinishedUpload upload, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(upload.Key, upload.UploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStorageException e)
        {
            throw new ObjectStorageException(DownloadErrorCodes.AbortFailed, $"Aborting upload '{upload.UploadId}' of '{upload.Key}' failed: {e.Summary}",
                e.Advice + " The upload's parts remain (and are billed) until it is aborted; set a lifecycle rule for incomplete uploads as a second net.", e)
            {
                ObjectKey = upload.Key, HttpStatus = e.HttpStatus, ServiceErrorCode = e.ServiceErrorCode, ServiceMessage = e.ServiceMessage, RequestId = e.RequestId,
            };
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
