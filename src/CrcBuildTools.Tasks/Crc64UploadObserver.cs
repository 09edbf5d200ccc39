using System;
using System.Collections.Concurrent;
using System.Globalization;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Turns uploader events (raised on worker threads) into queued log calls that <see cref="Crc64Upload"/> replays on
/// the MSBuild thread, so logging never races the engine.
/// </summary>
internal sealed class Crc64UploadObserver : UploadObserver
{
    private readonly BlockingCollection<Action<TaskLoggingHelper>> _queue;

    public Crc64UploadObserver(BlockingCollection<Action<TaskLoggingHelper>> queue) => _queue = queue;

    public override void OnFileUploaded(UploadFileResult result) => Message(
        "Uploaded {0} ({1}, CRC-64 {2}{3}) in {4:0.00} s{5}", result.ObjectKey, UploadSummary.FormatBytes(result.Length),
        Crc64XzFormat.ToDecimalString(result.Crc64), result.PartCount > 0 ? ", " + result.PartCount.ToString(CultureInfo.InvariantCulture) + " parts" : "",
        result.Elapsed.TotalSeconds, result.Verified ? ", verified" : ", NOT verified (no CRC header)");

    public override void OnFileSkipped(UploadFileResult result) => Message(
        "Unchanged {0} ({1}, CRC-64 {2}): skipped", result.ObjectKey, UploadSummary.FormatBytes(result.Length), Crc64XzFormat.ToDecimalString(result.Crc64));

    public override void OnProgress(UploadProgress progress) => Message(
        "Uploading {0}: {1:0}% ({2} of {3}, {4}/s)", progress.ObjectKey, progress.Percent, UploadSummary.FormatBytes(progress.BytesDone),
        UploadSummary.FormatBytes(progress.TotalBytes), UploadSummary.FormatBytes((long)progress.BytesPerSecond));

    public override void OnRetry(UploadRetry retry) => Message(
        "Retrying {0} of {1} in {2:0.00} s after attempt {3} failed: {4}", retry.Operation, retry.ObjectKey, retry.Delay.TotalSeconds,
        retry.FailedAttempt, retry.Reason);

    // What was cleaned up after an earlier run must show at the default verbosity.
    public override void OnNotice(string code, string message) => Post(log => Crc64TaskLog.Notice(log, code, message));

    public override void OnWarning(string code, string message) => Post(log =>
        Crc64TaskLog.Warning(log, code, null, message));

    /// <summary>Formats now, invariantly, so every logger and a binlog replay show the same text.</summary>
    private void Message(string format, params object[] args)
    {
        string text = string.Format(CultureInfo.InvariantCulture, format, args);
        Post(log => log.LogMessage(MessageImportance.Normal, "{0}", text));
    }

    private void Post(Action<TaskLoggingHelper> entry)
    {
        if (!_queue.IsAddingCompleted)
        {
            try
            {
                _queue.Add(entry);
            }
            catch (InvalidOperationException)
            {
                // The task finished while a worker was still reporting; the summary already covers it.
            }
        }
    }
}
