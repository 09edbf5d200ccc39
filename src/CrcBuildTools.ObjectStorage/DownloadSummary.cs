using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.ObjectStorage;

/// <summary>What a download did: DEST now holds exactly the verified release (plus the user's own files, unless deleted).</summary>
/// <param name="Source">The manifest's address.</param>
/// <param name="Destination">The folder.</param>
/// <param name="Version">The release version, when a channel pointer named it.</param>
/// <param name="Files">Every file of the release, fetched or kept, in manifest order.</param>
/// <param name="ExtraFiles">Files in DEST the release does not list.</param>
/// <param name="ExtraFilesDeleted">Whether those were deleted (the flag) or kept.</param>
/// <param name="PreviousReleaseFilesRemoved">Files of the release DEST held before that the new one no longer lists.</param>
/// <param name="DestinationChanged">False when DEST already was the release and nothing was touched.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record DownloadSummary(
    string Source,
    string Destination,
    string? Version,
    IReadOnlyList<DownloadFileResult> Files,
    IReadOnlyList<string> ExtraFiles,
    bool ExtraFilesDeleted,
    int PreviousReleaseFilesRemoved,
    bool DestinationChanged,
    TimeSpan Elapsed)
{
    /// <summary>Files fetched.</summary>
    public int FilesFetched => Files.Count(f => !f.Kept);

    /// <summary>Files already in DEST.</summary>
    public int FilesKept => Files.Count(f => f.Kept);

    /// <summary>Bytes fetched (first attempts of what ended in the file).</summary>
    public long BytesFetched => Files.Where(f => !f.Kept).Sum(f => f.Length);

    /// <summary>Bytes of kept files.</summary>
    public long BytesKept => Files.Where(f => f.Kept).Sum(f => f.Length);

    /// <summary>Fetched files whose CRC header agreed with the manifest.</summary>
    public int VerifiedWithHeader => Files.Count(f => f.Header == CrcHeaderState.Matched);

    /// <summary>Fetched files that came without a CRC header and were verified by hashing alone.</summary>
    public int VerifiedWithoutHeader => Files.Count(f => f.Header == CrcHeaderState.Missing);

    /// <summary>Bytes per second over the whole download.</summary>
    public double BytesPerSecond => BytesFetched / Math.Max(Elapsed.TotalSeconds, 1e-6);

    /// <summary>One line: fetched and kept, bytes, time, throughput, and the header counts.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "Downloaded {0} file(s) ({1}) and kept {2} unchanged ({3}) into {4} in {5:0.0} s ({6}/s); every file verified by CRC-64 against the manifest, " +
        "{7} also by the service's header, {8} without a header{9}.",
        FilesFetched, UploadSummary.FormatBytes(BytesFetched), FilesKept, UploadSummary.FormatBytes(BytesKept), Destination,
        Elapsed.TotalSeconds, UploadSummary.FormatBytes((long)BytesPerSecond), VerifiedWithHeader, VerifiedWithoutHeader,
        ExtraFiles.Count == 0 ? "" : ExtraFilesDeleted ? $"; {ExtraFiles.Count} extra file(s) deleted" : $"; {ExtraFiles.Count} extra file(s) kept");
}
