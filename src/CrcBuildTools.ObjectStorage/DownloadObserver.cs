using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// Receives progress from <see cref="ReleaseDownloader"/>. Called from worker threads, possibly at the same time.
/// Override only what you need.
/// </summary>
public abstract class DownloadObserver
{
    /// <summary>A file in DEST already had the manifest's length and CRC, so it was not fetched.</summary>
    /// <param name="file">The file.</param>
    public virtual void OnFileKept(DownloadFileResult file)
    {
    }

    /// <summary>A file was fetched and verified against the manifest.</summary>
    /// <param name="file">The file, with its header state and timing.</param>
    public virtual void OnFileFetched(DownloadFileResult file)
    {
    }

    /// <summary>Periodic progress of a large file.</summary>
    /// <param name="progress">Bytes done and throughput.</param>
    public virtual void OnProgress(DownloadProgress progress)
    {
    }

    /// <summary>A request or a file is being retried.</summary>
    /// <param name="retry">What failed and how long the downloader waits.</param>
    public virtual void OnRetry(DownloadRetry retry)
    {
    }

    /// <summary>Something the user should know that does not fail the download (CRC4023, CRC4044).</summary>
    /// <param name="code">The CRC4xxx code.</param>
    /// <param name="message">The text; never contains a secret.</param>
    public virtual void OnWarning(string code, string message)
    {
    }
}

/// <summary>What the service's CRC-64 header said about an object.</summary>
public enum CrcHeaderState
{
    /// <summary>The header equals the manifest's CRC: two independent witnesses agree.</summary>
    Matched,

    /// <summary>No header (CDN, copied or old object): the file was judged on the manifest alone (CRC4023).</summary>
    Missing,

    /// <summary>The file was not requested (kept from DEST).</summary>
    NotRequested,
}

/// <summary>The outcome for one file.</summary>
/// <param name="Path">The manifest path.</param>
/// <param name="Source">Where it came from, e.g. <c>oss://bucket/MyApp/1.2.3/app.dll</c>.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Crc64">The verified CRC-64 (equal to the manifest's).</param>
/// <param name="Kept">True when DEST already had it.</param>
/// <param name="Header">What the service's header said.</param>
/// <param name="Ranges">Ranged GETs used; 0 for a whole GET.</param>
/// <param name="ResumedRanges">Ranges taken from an interrupted earlier run (re-hashed from disk).</param>
/// <param name="Elapsed">Wall time for this file.</param>
public sealed record DownloadFileResult(
    string Path, string Source, long Length, ulong Crc64, bool Kept, CrcHeaderState Header, int Ranges, int ResumedRanges, TimeSpan Elapsed);

/// <summary>Progress of one large file.</summary>
/// <param name="Path">The manifest path.</param>
/// <param name="BytesDone">Bytes written.</param>
/// <param name="TotalBytes">The file's length.</param>
/// <param name="BytesPerSecond">Average since the file started.</param>
public sealed record DownloadProgress(string Path, long BytesDone, long TotalBytes, double BytesPerSecond)
{
    /// <summary>0 to 100.</summary>
    public double Percent => TotalBytes == 0 ? 100 : 100.0 * BytesDone / TotalBytes;
}

/// <summary>A retry about to happen.</summary>
/// <param name="ObjectKey">The object key.</param>
/// <param name="Operation">E.g. <c>GET</c>, <c>HEAD</c>, <c>range 8388608-16777215</c>.</param>
/// <param name="Reason">What failed (status, vendor code, timeout, CRC mismatch), without secrets.</param>
/// <param name="FailedAttempt">The attempt that failed, 1-based.</param>
/// <param name="Delay">The wait before the next attempt.</param>
public sealed record DownloadRetry(string ObjectKey, string Operation, string Reason, int FailedAttempt, TimeSpan Delay);
