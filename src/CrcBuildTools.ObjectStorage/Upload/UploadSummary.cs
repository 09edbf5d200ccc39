using System;
using System.Globalization;

namespace CrcBuildTools.ObjectStorage;

/// <summary>What a release upload did, for the one-line summary at the end of the build.</summary>
/// <param name="Destination">For example <c>oss://bucket/myapp/1.2.3/</c>.</param>
/// <param name="FilesUploaded">Files sent (the manifest included).</param>
/// <param name="FilesSkipped">Files already present with the same length and CRC.</param>
/// <param name="BytesUploaded">Bytes sent (first attempts; retries not counted).</param>
/// <param name="BytesSkipped">Bytes of skipped files.</param>
/// <param name="UnverifiedFiles">Files uploaded without a CRC header (only when that was allowed).</param>
/// <param name="Elapsed">Wall time of the whole upload.</param>
public sealed record UploadSummary(
    string Destination, int FilesUploaded, int FilesSkipped, long BytesUploaded, long BytesSkipped, int UnverifiedFiles, TimeSpan Elapsed)
{
    /// <summary>Bytes per second over the whole upload.</summary>
    public double BytesPerSecond => BytesUploaded / Math.Max(Elapsed.TotalSeconds, 1e-6);

    /// <summary>One line: files uploaded and skipped, bytes, time, throughput, and whether all were verified.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "Uploaded {0} file(s) ({1}) and skipped {2} unchanged ({3}) to {4} in {5:0.0} s ({6}/s); {7}",
        FilesUploaded, FormatBytes(BytesUploaded), FilesSkipped, FormatBytes(BytesSkipped), Destination,
        Elapsed.TotalSeconds, FormatBytes((long)BytesPerSecond),
        UnverifiedFiles == 0 ? "every object verified by CRC-64." : UnverifiedFiles + " file(s) NOT verified (no CRC header).");

    /// <summary>Bytes as B, KiB, MiB or GiB with one decimal.</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>For example <c>12.5 MiB</c>.</returns>
    public static string FormatBytes(long bytes)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture) + " B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
