using System;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// The textbook bit-at-a-time reflected CRC-64/XZ, written here from the definition: no tables, no engine code.
/// Slow (about 8 shifts a byte), so only used on short inputs to vouch for the engine's tables.
/// </summary>
internal static class BitwiseCrc
{
    private const ulong ReflectedPolynomial = 0xC96C5795D7870F42;

    public static ulong UpdateRegister(ulong register, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            register ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ ReflectedPolynomial : register >> 1;
            }
        }

        return register;
    }

    public static ulong Hash(ReadOnlySpan<byte> data) => ~UpdateRegister(ulong.MaxValue, data);
}
