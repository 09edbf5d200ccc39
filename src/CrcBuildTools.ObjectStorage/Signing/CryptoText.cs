using System.Security.Cryptography;
using System.Text;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>The few hash and HMAC helpers the signers need, in the shapes netstandard2.0 offers.</summary>
internal static class CryptoText
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string LowerHex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

#pragma warning disable CA5350 // SHA1 is what COS and OSS V1 specify; it is not our choice.
    public static byte[] Sha1(string text)
    {
        using var sha1 = SHA1.Create();
        return sha1.ComputeHash(Utf8(text));
    }

    public static byte[] HmacSha1(byte[] key, string text)
    {
        using var hmac = new HMACSHA1(key);
        return hmac.ComputeHash(Utf8(text));
    }
#pragma warning restore CA5350

    public static byte[] Sha256(string text)
    {
        using var sha256 = SHA256.Create();
        return sha256.ComputeHash(Utf8(text));
    }

    public static byte[] HmacSha256(byte[] key, string text)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Utf8(text));
    }
}
