using System;
using System.Text;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli.Names;

/// <summary>
/// A file name from the command line: the string .NET decoded, and on Linux the exact bytes the user passed when
/// they are not valid UTF-8 (.NET replaces such bytes with U+FFFD, so the string no longer names the file).
/// </summary>
internal sealed class InputName
{
    public InputName(string text, byte[]? invalidUtf8Bytes = null)
    {
        Text = text;
        InvalidUtf8Bytes = invalidUtf8Bytes;
    }

    /// <summary>The argument as .NET decoded it.</summary>
    public string Text { get; }

    /// <summary>The raw bytes, only when they are not valid UTF-8; then they, not <see cref="Text"/>, name the file.</summary>
    public byte[]? InvalidUtf8Bytes { get; }

    public bool IsStdin => Text == "-" && InvalidUtf8Bytes is null;

    /// <summary>
    /// The name for messages, as the libraries show names (<see cref="DisplayText"/>): unsafe characters as
    /// <c>\uXXXX</c>, and bytes that are not UTF-8 as <c>\xHH</c>, on one line.
    /// </summary>
    public string ForMessage()
    {
        if (InvalidUtf8Bytes is not byte[] bytes)
        {
            return DisplayText.Of(Text);
        }

        var text = new StringBuilder(bytes.Length + 8);
        for (int i = 0; i < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes.AsSpan(i), out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(DisplayText.Of(rune.ToString()));
                i += consumed;
            }
            else
            {
                text.Append("\\x").Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                i++;
            }
        }

        return text.ToString();
    }

    /// <summary>Base64 of the raw bytes, for <c>--json</c>, when the name is not valid UTF-8.</summary>
    public string? Base64 => InvalidUtf8Bytes is null ? null : Convert.ToBase64String(InvalidUtf8Bytes);

    public static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
