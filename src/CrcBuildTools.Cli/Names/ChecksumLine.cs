using System;
using System.Globalization;
using System.Text;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli.Names;

/// <summary>
/// The <c>&lt;crc&gt;  &lt;name&gt;</c> line of <c>crc64xz hash</c>, with names escaped the way <c>sha256sum</c> does it: when
/// a name holds a backslash or a newline, the line starts with <c>\</c> and the name has <c>\\</c> for a backslash and
/// <c>\n</c> for a newline (and <c>\r</c> for a carriage return). Beyond sha256sum, every other character that could
/// forge a line or drive a terminal is escaped too: <c>\t</c>, <c>\xHH</c> for the other ASCII control characters and
/// for bytes that are not UTF-8, <c>\uHHHH</c> for C1 controls, line separators and bidirectional controls. So each line is one file,
/// it reads as what it is, and a name can never pose as another line.
/// </summary>
internal static class ChecksumLine
{
    public static string Format(string checksum, InputName name)
    {
        string escaped = EscapeName(name, out bool anyEscape);
        return (anyEscape ? "\\" : string.Empty) + checksum + "  " + escaped;
    }

    /// <summary>The name with the escapes above; <paramref name="anyEscape"/> says whether one was needed.</summary>
    public static string EscapeName(InputName name, out bool anyEscape)
    {
        var text = new StringBuilder(name.Text.Length + 8);
        anyEscape = false;
        if (name.InvalidUtf8Bytes is byte[] bytes)
        {
            anyEscape = true;
            int i = 0;
            while (i < bytes.Length)
            {
                if (Rune.DecodeFromUtf8(bytes.AsSpan(i), out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
                {
                    Append(text, rune.ToString(), ref anyEscape);
                    i += consumed;
                }
                else
                {
                    text.Append("\\x").Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
                    i++;
                }
            }

            return text.ToString();
        }

        Append(text, name.Text, ref anyEscape);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string value, ref bool anyEscape)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            string? escape = c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]) => null,
                _ when DisplayText.IsUnsafe(c) => c < '\u0080'
                    ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)
                    : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escape is null)
            {
                text.Append(c);
            }
            else
            {
                anyEscape = true;
                text.Append(escape);
            }
        }
    }
}
