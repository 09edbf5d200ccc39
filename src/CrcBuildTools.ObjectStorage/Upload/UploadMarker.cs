using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// The small object that marks a multipart upload as this tool's. Neither service shows metadata in
/// ListMultipartUploads, so the mark is an object of its own under the release prefix,
/// <c>&lt;prefix&gt;.crc64xz-unfinished/&lt;hex of the upload id&gt;</c>, written right after Initiate and deleted after
/// Complete or Abort. One left behind names an upload of a run that was killed: the next upload to the prefix
/// aborts exactly that upload id, and never anybody else's. The body is plain text, one <c>name value</c> per line
/// (keys never hold control characters), so a person reading it in the console understands it.
/// </summary>
internal sealed record UploadMarker(string ObjectKey, string UploadId, long Length, long PartSize, ulong? Crc64)
{
    /// <summary>The folder under the prefix that holds the marks.</summary>
    public const string Folder = ".crc64xz-unfinished/";

    private const string Schema = "crc64xz-unfinished-upload 1";

    public static string KeyFor(string normalizedPrefix, string uploadId)
    {
        var hex = new StringBuilder(normalizedPrefix).Append(Folder);
        foreach (byte b in Encoding.UTF8.GetBytes(uploadId))
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(
        Schema + "\n" +
        "key " + ObjectKey + "\n" +
        "upload-id " + UploadId + "\n" +
        "length " + Length.ToString(CultureInfo.InvariantCulture) + "\n" +
        "part-size " + PartSize.ToString(CultureInfo.InvariantCulture) + "\n" +
        (Crc64 is ulong crc ? "crc64 " + crc.ToString(CultureInfo.InvariantCulture) + "\n" : ""));

    /// <summary>The mark in <paramref name="body"/>, or null when it is not one (a hand-made or damaged object).</summary>
    public static UploadMarker? TryParse(byte[] body)
    {
        string[] lines;
        try
        {
            lines = new UTF8Encoding(false, true).GetString(body).Split('\n');
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (lines.Length == 0 || lines[0] != Schema)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            int space = lines[i].IndexOf(' ');
            if (space > 0)
            {
                fields[lines[i].Substring(0, space)] = lines[i].Substring(space + 1);
            }
        }

        if (!fields.TryGetValue("key", out string? key) || key.Length == 0 ||
            !fields.TryGetValue("upload-id", out string? uploadId) || uploadId.Length == 0 ||
            !fields.TryGetValue("length", out string? lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length) ||
            !fields.TryGetValue("part-size", out string? partText) || !long.TryParse(partText, NumberStyles.None, CultureInfo.InvariantCulture, out long partSize))
        {
            return null;
        }

        ulong? crc = fields.TryGetValue("crc64", out string? crcText) && ulong.TryParse(crcText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong c)
            ? c
            : null;
        return new UploadMarker(key, uploadId, length, partSize, crc);
    }
}
