using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// The memory-bandwidth yardstick: touch every byte of the buffer with the widest vector loads this machine does
/// well (four independent 256-bit xor chains, 128 bytes an iteration), and nothing else. A CRC cannot beat this
/// on data that does not fit in cache, so "x read" near 1 means the kernel is as fast as memory allows.
/// </summary>
public static class ReadBaseline
{
    public static ulong XorAll(ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        Vector256<ulong> a = Vector256<ulong>.Zero, b = a, c = a, d = a;
        int offset = 0;
        for (; offset + 128 <= length; offset += 128)
        {
            a ^= Load(ref start, offset);
            b ^= Load(ref start, offset + 32);
            c ^= Load(ref start, offset + 64);
            d ^= Load(ref start, offset + 96);
        }

        Vector256<ulong> all = a ^ b ^ c ^ d;
        ulong result = all.GetElement(0) ^ all.GetElement(1) ^ all.GetElement(2) ^ all.GetElement(3);
        for (; offset < length; offset++)
        {
            result ^= Unsafe.Add(ref start, offset);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Load(ref byte start, int offset) =>
        Vector256.LoadUnsafe(ref Unsafe.Add(ref start, offset)).AsUInt64();
}
