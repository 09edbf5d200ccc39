// Shared by the MSBuild task (writes) and the source generator (reads): the generator project links this file,
// because task and generator must not reference each other's assemblies.
using System.Globalization;
using System.Text;

namespace CrcBuildTools.EmbeddedResources;

/// <summary>
/// The text the build hands to the source generator: one line per embedded resource,
/// <c>&lt;crc64 decimal&gt;\t&lt;length&gt;\t&lt;escaped manifest name&gt;</c>, after a version header.
/// Text (never the resource bytes) is what the compiler receives as an additional file.
/// </summary>
/// <remarks>
/// The compiler splits an additional file into lines at \r, \n, U+0085, U+2028 and U+2029 (SourceText line breaks),
/// and resource names may legitimately hold the last three, so every one of them is escaped, as is every other
/// control character: a line of this file is always exactly one resource. Version 2 added the <c>\uXXXX</c> escape.
/// </remarks>
internal static class EmbeddedResourceChecksumText
{
    /// <summary>First line of every hand-over file; the generator refuses other versions.</summary>
    public const string Header = "#crcbuildtools-embedded-resource-checksums v2";

    /// <summary>Second line, for humans who open the file in obj/.</summary>
    public const string ColumnsComment = "# crc64-xz(decimal)\tlength\tmanifest-resource-name (\\\\ \\t \\n \\r \\uXXXX escaped)";

    /// <summary>Formats one resource line (without the line break).</summary>
    public static string FormatLine(string name, long length, ulong crc64) =>
        crc64.ToString(CultureInfo.InvariantCulture) + "\t" + length.ToString(CultureInfo.InvariantCulture) + "\t" + Escape(name);

    /// <summary>Parses one resource line.</summary>
    /// <returns><see langword="null"/> on success, else a description of what is wrong with the line.</returns>
    public static string? TryParseLine(string line, out string name, out long length, out ulong crc64)
    {
        name = string.Empty;
        length = 0;
        crc64 = 0;
        int firstTab = line.IndexOf('\t');
        int secondTab = firstTab < 0 ? -1 : line.IndexOf('\t', firstTab + 1);
        if (secondTab < 0)
        {
            return "expected three tab-separated fields: crc64, length, name";
        }

        string crcText = line.Substring(0, firstTab);
        if (!ulong.TryParse(crcText, NumberStyles.None, CultureInfo.InvariantCulture, out crc64))
        {
            return "the CRC-64 '" + crcText + "' is not an unsigned decimal number";
        }

        string lengthText = line.Substring(firstTab + 1, secondTab - firstTab - 1);
        if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            return "the length '" + lengthText + "' is not a non-negative decimal number";
        }

        string? unescaped = Unescape(line.Substring(secondTab + 1));
        if (unescaped is null)
        {
            return "the resource name contains an invalid escape sequence";
        }

        if (unescaped.Length == 0)
        {
            return "the resource name is empty";
        }

        name = unescaped;
        return null;
    }

    /// <summary>Escapes the characters that would break the line format.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < ' ' || c is '\u007F' or '\u0085' or '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>; <see langword="null"/> for a malformed escape.</summary>
    public static string? Unescape(string value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (++i == value.Length)
            {
                return null;
            }

            switch (value[i])
            {
                case '\\': builder.Append('\\'); break;
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'u':
                    if (i + 4 >= value.Length ||
                        !int.TryParse(value.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        return null;
                    }

                    builder.Append((char)code);
                    i += 4;
                    break;
                default: return null;
            }
        }

        return builder.ToString();
    }
}
