using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage.Xml;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Before a release is uploaded: finds the multipart uploads that an earlier run to the same prefix started and
/// never finished (it was killed: SIGKILL, power loss, a crashed agent), by the marks that run left
/// (<see cref="UploadMarker"/>), aborts each by its exact upload id, deletes the mark, and says what it cleaned
/// up; those this release can continue (see <see cref="ResumableUploads"/>) are handed back instead. Uploads without our mark (another tool's, or one whose run died between Initiate and the mark) are never
/// touched: <c>crc64xz cleanup</c> and a bucket lifecycle rule are there for those. One listing request per release
/// when nothing was left behind.
/// </summary>
internal static class EarlierRunCleanup
{
    /// <summary>Aborts every marked upload under the prefix, except those <paramref name="resumable"/> accepts: those are returned.</summary>
    public static async Task<ResumableUploads> RunAsync(
        ObjectStorageClient client, UploadObserver observer, string normalizedPrefix, Func<UploadMarker, bool> resumable, CancellationToken cancellationToken)
    {
        var resumed = new ResumableUploads();
        List<ListedObject> marks;
        try
        {
            marks = await client.ListObjectsAsync(normalizedPrefix + UploadMarker.Folder, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStorageException e) when (e.Code == StorageErrorCodes.AuthorizationFailed && e.ServiceErrorCode is null or "AccessDenied")
        {
            // Keys that may write but not list (a narrow CI policy) still upload; a wrong key or signature fails here, with its reason.
            observer.OnWarning(StorageErrorCodes.UnfinishedUploadMarkerProblem,
                $"The keys may not list '{normalizedPrefix}{UploadMarker.Folder}' ({e.Summary}), so multipart uploads " +
                "that killed runs left open under this prefix are not cleaned up. Allow listing the prefix, or rely on 'crc64xz cleanup' and a lifecycle rule.");
            return resumed;
        }

        foreach (ListedObject mark in marks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                UploadMarker? marker = UploadMarker.TryParse(await client.GetObjectAsync(mark.Key, cancellationToken).ConfigureAwait(false));
                if (marker is null || !marker.ObjectKey.StartsWith(normalizedPrefix, StringComparison.Ordinal) ||
                    UploadMarker.KeyFor(normalizedPrefix, marker.UploadId) != mark.Key)
                {
                    // Not written by this tool for this prefix (hand-made or damaged): never abort on its word.
                    observer.OnWarning(StorageErrorCodes.UnfinishedUploadMarkerProblem,
                        $"'{mark.Key}' is not an unfinished-upload mark this tool wrote for this prefix; it was left alone. Delete it if nobody needs it.");
                    continue;
                }

                if (resumable(marker))
                {
                    resumed.Add(marker);
                    continue;
                }

                await client.AbortMultipartUploadAsync(marker.ObjectKey, marker.UploadId, cancellationToken).ConfigureAwait(false);
                await client.DeleteObjectAsync(mark.Key, cancellationToken).ConfigureAwait(false);
                observer.OnNotice(StorageErrorCodes.EarlierUploadAborted,
                    $"Aborted multipart upload '{marker.UploadId}' of '{marker.ObjectKey}' ({marker.Length} bytes), " +
                    "left unfinished by an earlier run to this prefix that was killed; its parts are no longer billed.");
            }
            catch (ObjectStorageException e)
            {
                observer.OnWarning(StorageErrorCodes.UnfinishedUploadMarkerProblem,
                    $"Could not clean up after the earlier run recorded in '{mark.Key}' ({e.Message}). " +
                    "The next upload to this prefix tries again; 'crc64xz cleanup' lists what is left.");
            }
        }

        return resumed;
    }
}
