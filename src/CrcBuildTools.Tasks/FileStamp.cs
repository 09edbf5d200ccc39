using System;
using System.Globalization;
using System.IO;

namespace CrcBuildTools.Tasks;

/// <summary>
/// What a hash cache may trust a file by: its length, last-write time, and an identity the file system maintains
/// itself. Length and last-write time alone are not enough: NuGet, MSBuild's Copy and reproducible packages pin
/// last-write times (every file of a deterministic nupkg carries the same one), so a different file of the same
/// length can arrive with the same time. The change stamp and file id that the file system maintains itself
/// (<see cref="FileChangeIdentity"/>: Linux, macOS and Windows; the creation time elsewhere) tell such a file apart.
/// </summary>
internal readonly record struct FileStamp(long Length, long LastWriteTicks, long ChangeStamp, long FileId)
{
    /// <summary>Reads the stamp of an existing file, or returns <see langword="null"/> when it is absent.</summary>
    public static FileStamp? Of(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return null;
        }

        return FileChangeIdentity.Current.TryRead(fullPath, out long changeStamp, out long fileId)
            ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, changeStamp, fileId)
            : new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, info.CreationTimeUtc.Ticks, 0);
    }

    /// <summary>The last-write time, for the racy-timestamp rule.</summary>
    public DateTime LastWriteUtc => new(LastWriteTicks, DateTimeKind.Utc);

    /// <summary>Tab-separated fields for a cache line.</summary>
    public string Serialize() => string.Join(
        "\t",
        Length.ToString(CultureInfo.InvariantCulture),
        LastWriteTicks.ToString(CultureInfo.InvariantCulture),
        ChangeStamp.ToString(CultureInfo.InvariantCulture),
        FileId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads the four fields written by <see cref="Serialize"/>.</summary>
    public static bool TryParse(string length, string lastWrite, string change, string fileId, out FileStamp stamp)
    {
        stamp = default;
        if (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out long l) ||
            !long.TryParse(lastWrite, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long w) ||
            !long.TryParse(change, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long c) ||
            !long.TryParse(fileId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id))
        {
            return false;
        }

        stamp = new FileStamp(l, w, c, id);
        return true;
    }
}
