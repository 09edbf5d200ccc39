using System;
using System.Globalization;

namespace CrcBuildTools.Hashing;

/// <summary>
/// Text forms of a CRC-64/XZ value. COS and OSS print it as an unsigned decimal string
/// (<c>x-cos-hash-crc64ecma: 11051210869376104954</c>); hex is offered for humans and for <c>xz -lvv</c>.
/// </summary>
public static class Crc64XzFormat
{
    /// <summary>The services' form: unsigned decimal, no sign, no leading zeros, invariant culture.</summary>
    /// <param name="crc">The value to format.</param>
    /// <returns>For example <c>11051210869376104954</c>.</returns>
    public static string ToDecimalString(ulong crc) => crc.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sixteen lowercase hex digits with no prefix, as <c>xz -lvv</c> prints the check.</summary>
    /// <param name="crc">The value to format.</param>
    /// <returns>For example <c>995dc9bbdf1939fa</c>.</returns>
    public static string ToHexString(ulong crc) => crc.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a CRC header value or manifest field: an unsigned decimal string (what the services send), or hex
    /// with a <c>0x</c> prefix. Surrounding whitespace is ignored; anything else is rejected.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The CRC value.</returns>
    /// <exception cref="FormatException">The text is not a CRC-64 value; the message quotes it and says what was expected.</exception>
    public static ulong Parse(string? text)
    {
        if (TryParse(text, out ulong crc))
        {
            return crc;
        }

        string shown = text is null ? "null" : "'" + (text.Length > 64 ? text.Substring(0, 64) + "..." : text) + "'";
        throw new FormatException(
            $"{shown} is not a CRC-64 value. Expected an unsigned decimal integer between 0 and 18446744073709551615 " +
            "(as in the x-cos-hash-crc64ecma / x-oss-hash-crc64ecma headers) or 0x followed by 1 to 16 hex digits.");
    }

    /// <summary>Like <see cref="Parse"/>, but returns <see langword="false"/> instead of throwing.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="crc">The value, when the text is valid.</param>
    /// <returns>Whether the text was a valid CRC-64 value.</returns>
    public static bool TryParse(string? text, out ulong crc)
    {
        crc = 0;
        if (text is null)
        {
            return false;
        }

        string trimmed = text.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            string digits = trimmed.Substring(2);
            return digits.Length is > 0 and <= 16 && IsAll(digits, IsHexDigit) &&
                   ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out crc);
        }

        // Digits only: NumberStyles.None refuses signs, spaces inside, thousands separators and exponents.
        return trimmed.Length > 0 && IsAll(trimmed, c => c is >= '0' and <= '9') &&
               ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out crc);
    }

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static bool IsAll(string text, Func<char, bool> predicate)
    {
        foreach (char c in text)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
