using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Receives progress from the uploader. Called from worker threads, possibly at the same time: an MSBuild logger
/// should queue the events and log them from its own thread. Override only what you need.
/// </summary>
public abstract class UploadObserver
{
    /// <summary>An object already had the same length and CRC, so it was not uploaded.</summary>
    /// <param name="result">The file and its key.</param>
    public virtual void OnFileSkipped(UploadFileResult result)
    {
    }

    /// <summary>A file was uploaded and (unless a warning said otherwise) verified.</summary>
    /// <param name="result">The file, its key, size, CRC and timing.</param>
    public virtual void OnFileUploaded(UploadFileResult result)
    {
    }

    /// <summary>Periodic progress of a multipart file.</summary>
    /// <param name="progress">Bytes done of the file and the current throughput.</param>
    public virtual void OnProgress(UploadProgress progress)
    {
    }

    /// <summary>A request or a part is being retried.</summary>
    /// <param name="retry">What failed and how long the uploader waits.</param>
    public virtual void OnRetry(UploadRetry retry)
    {
    }

    /// <summary>
    /// Something the uploader did on its own that the user should be able to read in the log, not a problem: it
    /// aborted an upload a killed run left behind (CRC3091), or proved a Complete whose answer was lost (CRC3093).
    /// </summary>
    /// <param name="code">The CRC3xxx code.</param>
    /// <param name="message">The text; never contains a secret.</param>
    public virtual void OnNotice(string code, string message)
    {
    }

    /// <summary>Something the user should know that does not fail the upload (e.g. CRC3033 when not required).</summary>
    /// <param name="code">The CRC3xxx code.</param>
    /// <param name="message">The text; never contains a secret.</param>
    public virtual void OnWarning(string code, string message)
    {
    }
}

/// <summary>The outcome for one file.</summary>
/// <param name="LocalPath">The file on disk.</param>
/// <param name="ObjectKey">The full object key.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Crc64">The verified (or, when skipped, matching) CRC-64.</param>
/// <param name="Skipped">True when the object was already there.</param>
/// <param name="PartCount">Parts used; 0 for a single PUT.</param>
/// <param name="Verified">False only when the service sent no CRC header and that was allowed.</param>
/// <param name="Elapsed">Wall time for this file.</param>
public sealed record UploadFileResult(
    string LocalPath, string ObjectKey, long Length, ulong Crc64, bool Skipped, int PartCount, bool Verified, TimeSpan Elapsed);

/// <summary>Progress of one large file.</summary>
/// <param name="ObjectKey">The object key.</param>
/// <param name="BytesDone">Bytes of verified parts.</param>
/// <param name="TotalBytes">The file's length.</param>
/// <param name="BytesPerSecond">Average since the file started.</param>
public sealed record UploadProgress(string ObjectKey, long BytesDone, long TotalBytes, double BytesPerSecond)
{
    /// <summary>0 to 100.</summary>
    public double Percent => TotalBytes == 0 ? 100 : 100.0 * BytesDone / TotalBytes;
}

/// <summary>A retry about to happen.</summary>
/// <param name="ObjectKey">The object key.</param>
/// <param name="Operation">E.g. <c>PUT</c>, <c>part 3</c>, <c>complete</c>.</param>
/// <param name="Reason">What failed (status, vendor code, timeout, CRC mismatch), without secrets.</param>
/// <param name="FailedAttempt">The attempt that failed, 1-based.</param>
/// <param name="Delay">The wait before the next attempt.</param>
public sealed record UploadRetry(string ObjectKey, string Operation, string Reason, int FailedAttempt, TimeSpan Delay);
