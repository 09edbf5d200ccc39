#if NET8_0_OR_GREATER
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
/// PCLMULQDQ folding over 128-bit lanes: eight independent accumulators hide the multiply latency, then they are
/// folded into one lane, reduced to 64 bits, and the sub-16-byte tail goes to the scalar path.
/// </summary>
internal static class PreviousFolding128
{
    private const int BlockSize = 128;

    public static bool IsSupported => Pclmulqdq.IsSupported && Sse2.IsSupported;

    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        if (source.Length < 32)
        {
            return Crc64XzScalar.Update(register, source);
        }

        ref byte data = ref MemoryMarshal.GetReference(source);
        int length = source.Length;
        int offset;
        Vector128<ulong> accumulator;

        if (length >= BlockSize * 2)
        {
            accumulator = FoldBlocks(register, ref data, length, out offset);
        }
        else
        {
            accumulator = Load(ref data, 0) ^ Vector128.CreateScalar(register);
            offset = 16;
        }

        var k16 = Constants(Crc64XzFoldConstants.Distance16);
        for (; offset + 16 <= length; offset += 16)
        {
            accumulator = Fold(accumulator, k16) ^ Load(ref data, offset);
        }

        return Crc64XzScalar.Update(Reduce128(FoldToLow64(accumulator)), source.Slice(offset));
    }

    /// <summary>The main loop: eight lanes, 128 bytes an iteration, then collapsed pairwise into one lane.</summary>
    private static Vector128<ulong> FoldBlocks(ulong register, ref byte data, int length, out int offset)
    {
        Vector128<ulong> x0 = Load(ref data, 0) ^ Vector128.CreateScalar(register);
        Vector128<ulong> x1 = Load(ref data, 16), x2 = Load(ref data, 32), x3 = Load(ref data, 48);
        Vector128<ulong> x4 = Load(ref data, 64), x5 = Load(ref data, 80), x6 = Load(ref data, 96), x7 = Load(ref data, 112);

        var k128 = Constants(Crc64XzFoldConstants.Distance128);
        for (offset = BlockSize; offset + BlockSize <= length; offset += BlockSize)
        {
            x0 = Fold(x0, k128) ^ Load(ref data, offset);
            x1 = Fold(x1, k128) ^ Load(ref data, offset + 16);
            x2 = Fold(x2, k128) ^ Load(ref data, offset + 32);
            x3 = Fold(x3, k128) ^ Load(ref data, offset + 48);
            x4 = Fold(x4, k128) ^ Load(ref data, offset + 64);
            x5 = Fold(x5, k128) ^ Load(ref data, offset + 80);
            x6 = Fold(x6, k128) ^ Load(ref data, offset + 96);
            x7 = Fold(x7, k128) ^ Load(ref data, offset + 112);
        }

        var k64 = Constants(Crc64XzFoldConstants.Distance64);
        x4 ^= Fold(x0, k64);
        x5 ^= Fold(x1, k64);
        x6 ^= Fold(x2, k64);
        x7 ^= Fold(x3, k64);
        var k32 = Constants(Crc64XzFoldConstants.Distance32);
        x6 ^= Fold(x4, k32);
        x7 ^= Fold(x5, k32);
        return x7 ^ Fold(x6, Constants(Crc64XzFoldConstants.Distance16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> Constants((ulong Low, ulong High) pair) => Vector128.Create(pair.Low, pair.High);

    /// <summary>Moves a lane forward by the distance its constants encode: low*K_low xor high*K_high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> Fold(Vector128<ulong> lane, Vector128<ulong> constants) =>
        Pclmulqdq.CarrylessMultiply(lane, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(lane, constants, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte data, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();

    /// <summary>Folds the low qword of the last lane onto its high qword (8 bytes forward), leaving 128 bits for Barrett.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> FoldToLow64(Vector128<ulong> lane)
    {
        var k = Vector128.CreateScalar(Crc64XzFoldConstants.Distance16.High);
        return Pclmulqdq.CarrylessMultiply(lane, k, 0x00) ^ Sse2.ShiftRightLogical128BitLane(lane.AsByte(), 8).AsUInt64();
    }

    /// <summary>Barrett reduction of a 128-bit reflected value (x^0 at bit 127) to the 64-bit register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reduce128(Vector128<ulong> value)
    {
        var muAndPolynomial = Vector128.Create(Crc64XzFoldConstants.BarrettMu, Crc64XzFoldConstants.BarrettPolynomial);
        Vector128<ulong> t1 = Pclmulqdq.CarrylessMultiply(value, muAndPolynomial, 0x00);
        Vector128<ulong> t1Shifted = Sse2.ShiftLeftLogical128BitLane(t1.AsByte(), 8).AsUInt64();
        Vector128<ulong> t2 = Pclmulqdq.CarrylessMultiply(t1, muAndPolynomial, 0x10);
        return (value ^ t1Shifted ^ t2).GetElement(1);
    }
}
#endif
