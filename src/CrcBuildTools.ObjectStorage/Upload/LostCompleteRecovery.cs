using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Complete, without a false failure when its answer is lost. A Complete that the service carried out but whose
/// answer never arrived (a reset connection, a proxy timeout) is retried by the pipeline, and the retry finds the
/// upload gone: NoSuchUpload. Before that becomes an error, HEAD the key: an object with the file's length and the
/// fold of the verified part CRCs is exactly the object this upload was completing, whoever completed it, so it is
/// complete and verified. Anything else is still the NoSuchUpload error.
/// </summary>
internal static class LostCompleteRecovery
{
    public static async Task<ObjectWriteResult> CompleteAsync(
        ObjectStorageClient client, UploadObserver observer, string key, string uploadId, MultipartPart[] parts, long length, ulong combinedCrc,
        CancellationToken cancellationToken)
    {
        try
        {
            return await client.CompleteMultipartUploadAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStorageException e) when (e.ServiceErrorCode == "NoSuchUpload")
        {
            ObjectMetadata? head = await client.HeadObjectAsync(key, cancellationToken).ConfigureAwait(false);
            if (head is null || head.Length != length || head.Crc64 != combinedCrc)
            {
                throw;
            }

            observer.OnNotice(StorageErrorCodes.CompleteAnswerLostButVerified,
                $"The answer to Complete of '{key}' was lost and the retry found upload '{uploadId}' gone; " +
                $"HEAD shows the object complete with the expected length ({length} bytes) and CRC-64 ({Crc64XzFormat.ToDecimalString(combinedCrc)}), so it is verified.");
            return new ObjectWriteResult(head.ETag, head.Crc64, head.RequestId);
        }
    }
}
