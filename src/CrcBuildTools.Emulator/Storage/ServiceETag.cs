using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Emulator;

/// <summary>
/// ETags in the services' forms: a single PUT's is the MD5 of the body in hex, in quotes; a multipart object's is
/// the MD5 of the concatenated binary part MD5s, then <c>-&lt;part count&gt;</c>. OSS prints the hex in upper case,
/// COS in lower case. Downloaders send these back in If-Match, so the form matters.
/// </summary>
internal static class ServiceETag
{
    public static string ForBody(byte[] md5, EmulatedProvider provider) => Quote(Hex(md5, provider));

    public static string ForMultipart(IReadOnlyList<byte[]> partMd5s, EmulatedProvider provider) =>
        Quote(Hex(MD5.HashData(partMd5s.SelectMany(m => m).ToArray()), provider) + "-" + partMd5s.Count.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lean mode (no bytes kept, no MD5 pass, for throughput benchmarks): an ETag derived from the CRC instead.</summary>
    public static string FromCrc(ulong crc, int partCount) =>
        Quote(Crc64XzFormat.ToHexString(crc) + (partCount > 0 ? "-" + partCount.ToString(CultureInfo.InvariantCulture) : ""));

    private static string Hex(byte[] md5, EmulatedProvider provider) =>
        provider == EmulatedProvider.Oss ? Convert.ToHexString(md5) : Convert.ToHexStringLower(md5);

    private static string Quote(string value) => "\"" + value + "\"";
}
