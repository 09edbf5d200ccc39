using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Searches an MSBuild binlog for a string the way an attacker with the file would: the whole file is one gzip
/// stream, and inside it strings are UTF-8, while some embedded payloads may be UTF-16.
/// </summary>
/// <remarks>
/// The project-imports archive inside a binlog is a zip of its own, so text that only occurs in an imported project
/// file would not be found. That is no gap for credentials: they come from environment variables and appear in no
/// project file.
/// </remarks>
public static class BinaryLogSearch
{
    /// <summary>Whether <paramref name="text"/> occurs in the decompressed binlog, in UTF-8 or UTF-16 (either byte order).</summary>
    /// <param name="binaryLog">The .binlog file.</param>
    /// <param name="text">What to look for.</param>
    /// <returns>True when found in any of the encodings.</returns>
    public static bool Contains(string binaryLog, string text)
    {
        byte[] content = Decompress(binaryLog);
        return IndexOf(content, Encoding.UTF8.GetBytes(text)) >= 0
            || IndexOf(content, Encoding.Unicode.GetBytes(text)) >= 0
            || IndexOf(content, Encoding.BigEndianUnicode.GetBytes(text)) >= 0;
    }

    /// <summary>The binlog's decompressed bytes.</summary>
    /// <param name="binaryLog">The .binlog file.</param>
    /// <returns>Everything inside the gzip stream.</returns>
    public static byte[] Decompress(string binaryLog)
    {
        using FileStream file = File.OpenRead(binaryLog);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var all = new MemoryStream();
        gzip.CopyTo(all);
        return all.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
