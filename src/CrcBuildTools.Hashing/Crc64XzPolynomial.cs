namespace CrcBuildTools.Hashing;

/// <summary>The fixed parameters of CRC-64/XZ (catalogued also as CRC-64/GO-ECMA; "crc64ecma" at COS and OSS).</summary>
internal static class Crc64XzPolynomial
{
    /// <summary>The generator polynomial in normal (MSB-first) form, without the implicit x^64 term.</summary>
    public const ulong Normal = 0x42F0E1EBA9EA3693;

    /// <summary>The same polynomial bit-reflected: what table and fold code work with, since CRC-64/XZ is reflected.</summary>
    public const ulong Reflected = 0xC96C5795D7870F42;

    /// <summary>Initial register value and final xor; both are all ones, which is why crc(empty) is 0.</summary>
    public const ulong AllOnes = ulong.MaxValue;
}
