using System;

namespace CrcBuildTools.Emulator;

/// <summary>The services refuse a body that does not match the Content-MD5 the request carries, and never store it.</summary>
internal static class ContentMd5
{
    /// <summary>The service error for a bad Content-MD5, or null when the header is absent or matches.</summary>
    public static (string Code, string Message)? Check(string? header, byte[]? received, EmulatedProvider provider)
    {
        if (header is null)
        {
            return null;
        }

        byte[]? claimed;
        try
        {
            claimed = Convert.FromBase64String(header.Trim());
        }
        catch (FormatException)
        {
            claimed = null;
        }

        if (claimed is not { Length: 16 })
        {
            return ("InvalidDigest", "The Content-MD5 you specified is not valid.");
        }

        if (received is not null && claimed.AsSpan().SequenceEqual(received))
        {
            return null;
        }

        // Same condition, different names: COS follows S3 (BadDigest), OSS reports InvalidDigest for both.
        return provider == EmulatedProvider.Cos
            ? ("BadDigest", "The Content-MD5 you specified did not match what was received.")
            : ("InvalidDigest", "The Content-MD5 you specified was invalid.");
    }
}
