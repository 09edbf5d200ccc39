using System;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Initiate under the caller's cancellation, with a short grace. An initiate cancelled half-way may still create the
/// upload on the service, and without its id it could not be aborted; so a cancellation lets an answer that is about
/// to arrive arrive (for <see cref="Grace"/>), and the caller aborts that upload at once. A hanging initiate is cut
/// off after the grace, so Ctrl+C or SIGTERM never waits for attempts x timeout.
/// </summary>
internal static class CancellableInitiate
{
    /// <summary>How long an initiate in flight may still answer after cancellation.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public static async Task<string> InitiateAsync(ObjectStorageClient client, UploadObserver observer, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var graced = new CancellationTokenSource();
        using CancellationTokenRegistration link = cancellationToken.Register(() => graced.CancelAfter(Grace));
        try
        {
            return await client.InitiateMultipartUploadAsync(key, graced.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            observer.OnWarning(StorageErrorCodes.InitiateCancelledUnanswered,
                $"The upload was cancelled while Initiate of '{key}' had no answer. If the service created the upload " +
                "anyway, this run cannot name it: 'crc64xz cleanup' lists it, and a lifecycle rule for incomplete uploads removes it.");
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
