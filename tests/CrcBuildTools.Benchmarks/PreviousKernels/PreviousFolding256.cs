#if NET10_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks.PreviousKernels;

/// <summary>
/// FROZEN COPY of the engine's kernel as it was before the kernels were unified (commit 6e94e88), kept only so that
/// ThroughputBenchmarks can show the unified kernel at the same speed in the same run. Not used by any product code.
/// VPCLMULQDQ on 256-bit vectors: four accumulators of two lanes each, 128 bytes an iteration. This is the widest
/// path on AVX2-class CPUs that have VPCLMULQDQ but no AVX-512 (AMD Zen 3, Intel Alder Lake).
/// Whatever is left after the blocks (under 128 bytes) goes to the 128-bit path.
/// </summary>
internal static class PreviousFolding256
{
    private const int BlockSize = 128;

    /// <summary>
    /// How far ahead of the loads the loop asks for cache lines. The hardware prefetcher alone leaves this loop at
    /// ~0.75x of plain read bandwidth on data from DRAM (Zen 3); 2 KiB ahead brings it to ~0.9x. In-cache speed is
    /// unchanged: the loop is bound by the carry-less multiplier, not by loads. See docs/benchmarks.md.
    /// </summary>
    private const int PrefetchDistance = 2048;

    public static bool IsSupported => Pclmulqdq.V256.IsSupported && Avx2.IsSupported && PreviousFolding128.IsSupported;

    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        if (source.Length < BlockSize * 2)
        {
            return PreviousFolding128.Update(register, source);
        }

        ref byte data = ref MemoryMarshal.GetReference(source);
        int length = source.Length;

        Vector256<ulong> x0 = Load(ref data, 0) ^ Vector256.CreateScalar(register);
        Vector256<ulong> x1 = Load(ref data, 32), x2 = Load(ref data, 64), x3 = Load(ref data, 96);

        var k128 = Constants(Crc64XzFoldConstants.Distance128);
        int offset = BlockSize;
        for (; offset + BlockSize <= length; offset += BlockSize)
        {
            Prefetch(ref data, offset + PrefetchDistance);
            x0 = Fold(x0, k128) ^ Load(ref data, offset);
            x1 = Fold(x1, k128) ^ Load(ref data, offset + 32);
            x2 = Fold(x2, k128) ^ Load(ref data, offset + 64);
            x3 = Fold(x3, k128) ^ Load(ref data, offset + 96);
        }

        var k64 = Constants(Crc64XzFoldConstants.Distance64);
        x2 ^= Fold(x0, k64);
        x3 ^= Fold(x1, k64);
        x3 ^= Fold(x2, Constants(Crc64XzFoldConstants.Distance32));

        // Two lanes left: the lower one is 16 bytes behind the upper one.
        Vector128<ulong> lane = x3.GetUpper() ^ PreviousFolding128.Fold(x3.GetLower(), PreviousFolding128.Constants(Crc64XzFoldConstants.Distance16));
        ulong folded = PreviousFolding128.Reduce128(PreviousFolding128.FoldToLow64(lane));
        return PreviousFolding128.Update(folded, source.Slice(offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Constants((ulong Low, ulong High) pair) => Vector256.Create(pair.Low, pair.High, pair.Low, pair.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Fold(Vector256<ulong> lanes, Vector256<ulong> constants) =>
        Pclmulqdq.V256.CarrylessMultiply(lanes, constants, 0x00) ^ Pclmulqdq.V256.CarrylessMultiply(lanes, constants, 0x11);

    /// <summary>Hints the two cache lines of one 128-byte block. A prefetch never faults, so running past the end is harmless.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref byte data, int offset)
    {
        // Pointer arithmetic rather than a managed ref, so no GC-tracked pointer ever points past the buffer.
        byte* address = (byte*)Unsafe.AsPointer(ref data) + offset;
        Sse.Prefetch0(address);
        Sse.Prefetch0(address + 64);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Load(ref byte data, int offset) =>
        Vector256.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();
}
#endif
