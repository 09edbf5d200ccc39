using System.Globalization;
using System.IO;
using System.Text;

namespace CrcBuildTools.TestSupport;

/// <summary>
/// Writes a large, valid manifest of made-up files straight to disk (a publish folder's worth of realistic paths), for
/// the tests and the benchmark that measure how reading scales; optionally malformed on its very last entry.
/// </summary>
public static class SyntheticManifest
{
    /// <summary>Writes <paramref name="count"/> entries; with <paramref name="badLastLine"/> the last CRC is a JSON number (CRC1004 on line count + 4).</summary>
    public static void Write(string path, int count, bool badLastLine)
    {
        using var text = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        text.Write("{\n  \"schema\": \"https://crcbuildtools/manifest/v1\",\n  \"algorithm\": \"CRC-64/XZ\",\n  \"files\": [\n");
        for (int i = 0; i < count; i++)
        {
            string crc = badLastLine && i == count - 1 ? "12345" : "\"" + ((ulong)i * 0x9E3779B97F4A7C15UL).ToString(CultureInfo.InvariantCulture) + "\"";
            text.Write($"    {{ \"path\": \"runtimes/linux-x64/lib/net10.0/folder{i / 1000:D4}/Assembly.Number{i:D7}.dll\", \"length\": {i * 37L}, \"crc64\": {crc} }}");
            text.Write(i + 1 < count ? ",\n" : "\n");
        }

        text.Write("  ]\n}\n");
    }
}
