using System;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// The baseline the design compares against: a 256-entry table consumed one byte at a time, the algorithm the
/// Tencent COS and Alibaba OSS .NET SDKs ship for CRC-64/XZ. Written here from the textbook definition.
/// </summary>
public static class BytewiseTableCrc64Xz
{
    private static readonly ulong[] Table = BuildTable();

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        ulong[] table = Table;
        ulong crc = ulong.MaxValue;
        foreach (byte b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (int i = 0; i < 256; i++)
        {
            ulong value = (ulong)i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ 0xC96C5795D7870F42 : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
