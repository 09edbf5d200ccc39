using System;
using System.Globalization;
using System.IO;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// Progress of a download on stderr: a line per file, a periodic percentage with throughput for large ones, every
/// retry with its reason, every warning with its code. Results go to stdout; this never does.
/// </summary>
internal sealed class ConsoleProgress : DownloadObserver
{
    private readonly TextWriter _stderr;
    private readonly bool _quiet;
    private readonly object _gate = new();

    public ConsoleProgress(TextWriter stderr, bool quiet)
    {
        _stderr = stderr;
        _quiet = quiet;
    }

    public override void OnFileKept(DownloadFileResult file) => Line(false, string.Format(CultureInfo.InvariantCulture,
        "kept     {0} ({1}): already in DEST with the manifest's CRC-64", file.Path, UploadSummary.FormatBytes(file.Length)));

    public override void OnFileFetched(DownloadFileResult file) => Line(false, string.Format(CultureInfo.InvariantCulture,
        "fetched  {0} ({1}, CRC-64 {2}{3}{4}) in {5:0.00} s, verified{6}",
        file.Path, UploadSummary.FormatBytes(file.Length), Crc64XzFormat.ToDecimalString(file.Crc64),
        file.Ranges > 0 ? ", " + file.Ranges.ToString(CultureInfo.InvariantCulture) + " ranges" : "",
        file.ResumedRanges > 0 ? ", " + file.ResumedRanges.ToString(CultureInfo.InvariantCulture) + " resumed and re-hashed from disk" : "",
        file.Elapsed.TotalSeconds, file.Header == CrcHeaderState.Missing ? " by the manifest alone (no CRC header)" : " (CRC header agrees)"));

    public override void OnProgress(DownloadProgress progress) => Line(false, string.Format(CultureInfo.InvariantCulture,
        "         {0}: {1:0}% ({2} of {3}, {4}/s)", progress.Path, progress.Percent, UploadSummary.FormatBytes(progress.BytesDone),
        UploadSummary.FormatBytes(progress.TotalBytes), UploadSummary.FormatBytes((long)progress.BytesPerSecond)));

    public override void OnRetry(DownloadRetry retry) => Line(true, string.Format(CultureInfo.InvariantCulture,
        "retry    {0} {1}: {2} (attempt {3} failed, next in {4:0.0} s)", retry.ObjectKey, retry.Operation, retry.Reason, retry.FailedAttempt, retry.Delay.TotalSeconds));

    public override void OnWarning(string code, string message) =>
        Line(true, "crc64xz: warning " + code + ": " + message);

    public void Say(string text) => Line(false, text);

    private void Line(bool always, string text)
    {
        if (_quiet && !always)
        {
            return;
        }

        lock (_gate)
        {
            _stderr.WriteLine(DisplayText.OfLines(text));
        }
    }
}
