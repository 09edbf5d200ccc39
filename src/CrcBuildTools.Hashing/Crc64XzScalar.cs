using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Hashing;

/// <summary>The portable path: slicing-by-16 over the raw (un-inverted) register.</summary>
internal static class Crc64XzScalar
{
    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        ref ulong table = ref Crc64XzTables.Table[0];
        ref byte data = ref MemoryMarshal.GetReference(source);
        nuint length = (nuint)source.Length;
        nuint offset = 0;

        for (; length - offset >= 16; offset += 16)
        {
            register = Step16(register, ref table, ref data, offset);
        }

        for (; offset < length; offset++)
        {
            register = Lookup(ref table, 0, register ^ Unsafe.Add(ref data, (nint)offset)) ^ (register >> 8);
        }

        return register;
    }

    /// <summary>One slicing-by-16 step: the register after the 16 bytes at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step16(ulong register, ref ulong table, ref byte data, nuint offset)
    {
        ulong low = ReadLittleEndian(ref data, offset) ^ register;
        ulong high = ReadLittleEndian(ref data, offset + 8);

        // Byte j of the 16-byte block still has to pass through (15 - j) bytes, hence slice (15 - j). The xors are
        // grouped as a balanced tree so the sixteen independent loads are not serialised behind one long xor chain.
        return
            ((Lookup(ref table, 15, low) ^ Lookup(ref table, 14, low >> 8)) ^
             (Lookup(ref table, 13, low >> 16) ^ Lookup(ref table, 12, low >> 24))) ^
            ((Lookup(ref table, 11, low >> 32) ^ Lookup(ref table, 10, low >> 40)) ^
             (Lookup(ref table, 9, low >> 48) ^ Lookup(ref table, 8, low >> 56))) ^
            (((Lookup(ref table, 7, high) ^ Lookup(ref table, 6, high >> 8)) ^
              (Lookup(ref table, 5, high >> 16) ^ Lookup(ref table, 4, high >> 24))) ^
             ((Lookup(ref table, 3, high >> 32) ^ Lookup(ref table, 2, high >> 40)) ^
              (Lookup(ref table, 1, high >> 48) ^ Lookup(ref table, 0, high >> 56))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadLittleEndian(ref byte data, nuint offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, (nint)offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    // The slice offset is a constant after inlining, so it folds into the load's displacement; indexing with a
    // zero-extended byte avoids a sign extension per lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lookup(ref ulong table, int slice, ulong index) =>
        Unsafe.Add(ref table, (nint)(slice * 256) + (nint)(byte)index);
}
