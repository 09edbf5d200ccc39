using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CrcBuildTools.Hashing;

/// <summary>The portable path: slicing-by-16 over the raw (un-inverted) register.</summary>
internal static class Crc64XzScalar
{
    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        ulong[] tableArray = Crc64XzTables.Table;
        ref ulong table = ref tableArray[0];

        while (source.Length >= 16)
        {
            ulong low = BinaryPrimitives.ReadUInt64LittleEndian(source) ^ register;
            ulong high = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(8));

            // Byte j of the 16-byte block still has to pass through (15 - j) bytes, hence slice (15 - j).
            register =
                Lookup(ref table, 15, low) ^ Lookup(ref table, 14, low >> 8) ^
                Lookup(ref table, 13, low >> 16) ^ Lookup(ref table, 12, low >> 24) ^
                Lookup(ref table, 11, low >> 32) ^ Lookup(ref table, 10, low >> 40) ^
                Lookup(ref table, 9, low >> 48) ^ Lookup(ref table, 8, low >> 56) ^
                Lookup(ref table, 7, high) ^ Lookup(ref table, 6, high >> 8) ^
                Lookup(ref table, 5, high >> 16) ^ Lookup(ref table, 4, high >> 24) ^
                Lookup(ref table, 3, high >> 32) ^ Lookup(ref table, 2, high >> 40) ^
                Lookup(ref table, 1, high >> 48) ^ Lookup(ref table, 0, high >> 56);

            source = source.Slice(16);
        }

        foreach (byte b in source)
        {
            register = Lookup(ref table, 0, register ^ b) ^ (register >> 8);
        }

        return register;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lookup(ref ulong table, int slice, ulong index) =>
        Unsafe.Add(ref table, (slice * 256) + (int)(index & 0xFF));
}
