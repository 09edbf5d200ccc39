using System.Text;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>
/// RFC 3986 percent-encoding of UTF-8, as both vendors sign it: only <c>A-Z a-z 0-9 - _ . ~</c> stay literal,
/// hex digits are uppercase, space is <c>%20</c> (never <c>+</c>). Written by hand because
/// <c>Uri.EscapeDataString</c> has differed between .NET Framework and .NET in the past.
/// </summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes every reserved character, <c>/</c> included.</summary>
    public static string Encode(string value) => Encode(value, keepSlash: false);

    /// <summary>Encodes a path, keeping <c>/</c> between segments.</summary>
    public static string EncodePath(string value) => Encode(value, keepSlash: true);

    private static string Encode(string value, bool keepSlash)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/'))
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return text.ToString();
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
