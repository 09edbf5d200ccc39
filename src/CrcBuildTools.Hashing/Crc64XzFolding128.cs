#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AdvSimd = System.Runtime.Intrinsics.Arm.AdvSimd;

namespace CrcBuildTools.Hashing;

/// <summary>
/// Folding over 128-bit lanes, for x86 (PCLMULQDQ) and ARM64 (PMULL) alike: eight independent accumulators hide the
/// multiply latency, then they are folded into one lane, reduced to 64 bits with Barrett, and the sub-16-byte tail
/// goes to the scalar path. The instruction set enters only through an <see cref="ICarrylessMultiply128"/>, which the JIT
/// specialises, so the code that runs only under emulation (ARM, here) is the code the x86 tests run natively.
/// </summary>
internal static class Crc64XzFolding128
{
    private const int BlockSize = 128;

    public static ulong Update<TMultiply>(ulong register, ReadOnlySpan<byte> source)
        where TMultiply : struct, ICarrylessMultiply128
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
            accumulator = FoldBlocks<TMultiply>(register, ref data, length, out offset);
        }
        else
        {
            accumulator = Load(ref data, 0) ^ Vector128.CreateScalar(register);
            offset = 16;
        }

        var k16 = Constants(Crc64XzFoldConstants.Distance16);
        for (; offset + 16 <= length; offset += 16)
        {
            accumulator = Fold<TMultiply>(accumulator, k16) ^ Load(ref data, offset);
        }

        return Crc64XzScalar.Update(Reduce<TMultiply>(accumulator), source.Slice(offset));
    }

    /// <summary>The main loop: eight lanes, 128 bytes an iteration, then collapsed pairwise into one lane.</summary>
    private static Vector128<ulong> FoldBlocks<TMultiply>(ulong register, ref byte data, int length, out int offset)
        where TMultiply : struct, ICarrylessMultiply128
    {
        Vector128<ulong> x0 = Load(ref data, 0) ^ Vector128.CreateScalar(register);
        Vector128<ulong> x1 = Load(ref data, 16), x2 = Load(ref data, 32), x3 = Load(ref data, 48);
        Vector128<ulong> x4 = Load(ref data, 64), x5 = Load(ref data, 80), x6 = Load(ref data, 96), x7 = Load(ref data, 112);

        var k128 = Constants(Crc64XzFoldConstants.Distance128);
        for (offset = BlockSize; offset + BlockSize <= length; offset += BlockSize)
        {
            x0 = Fold<TMultiply>(x0, k128) ^ Load(ref data, offset);
            x1 = Fold<TMultiply>(x1, k128) ^ Load(ref data, offset + 16);
            x2 = Fold<TMultiply>(x2, k128) ^ Load(ref data, offset + 32);
            x3 = Fold<TMultiply>(x3, k128) ^ Load(ref data, offset + 48);
            x4 = Fold<TMultiply>(x4, k128) ^ Load(ref data, offset + 64);
            x5 = Fold<TMultiply>(x5, k128) ^ Load(ref data, offset + 80);
            x6 = Fold<TMultiply>(x6, k128) ^ Load(ref data, offset + 96);
            x7 = Fold<TMultiply>(x7, k128) ^ Load(ref data, offset + 112);
        }

        var k64 = Constants(Crc64XzFoldConstants.Distance64);
        x4 ^= Fold<TMultiply>(x0, k64);
        x5 ^= Fold<TMultiply>(x1, k64);
        x6 ^= Fold<TMultiply>(x2, k64);
        x7 ^= Fold<TMultiply>(x3, k64);
        var k32 = Constants(Crc64XzFoldConstants.Distance32);
        x6 ^= Fold<TMultiply>(x4, k32);
        x7 ^= Fold<TMultiply>(x5, k32);
        return x7 ^ Fold<TMultiply>(x6, Constants(Crc64XzFoldConstants.Distance16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> Constants((ulong Low, ulong High) pair) => Vector128.Create(pair.Low, pair.High);

    /// <summary>Moves a lane forward by the distance its constants encode: low*K_low xor high*K_high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> Fold<TMultiply>(Vector128<ulong> lane, Vector128<ulong> constants)
        where TMultiply : struct, ICarrylessMultiply128 =>
        TMultiply.MultiplyLow(lane, constants) ^ TMultiply.MultiplyHigh(lane, constants);

    /// <summary>The register after the data a last 128-bit lane stands for: fold it to 128 bits of remainder, then Barrett.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reduce<TMultiply>(Vector128<ulong> lane)
        where TMultiply : struct, ICarrylessMultiply128 =>
        Reduce128<TMultiply>(FoldToLow64<TMultiply>(lane));

    /// <summary>Folds the low qword of the last lane onto its high qword (8 bytes forward), leaving 128 bits for Barrett.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldToLow64<TMultiply>(Vector128<ulong> lane)
        where TMultiply : struct, ICarrylessMultiply128 =>
        TMultiply.MultiplyLow(lane, Vector128.CreateScalar(Crc64XzFoldConstants.Distance16.High)) ^ ShiftRightOneQword(lane);

    /// <summary>Barrett reduction of a 128-bit reflected value (x^0 at bit 127) to the 64-bit register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reduce128<TMultiply>(Vector128<ulong> value)
        where TMultiply : struct, ICarrylessMultiply128
    {
        Vector128<ulong> t1 = TMultiply.MultiplyLow(value, Vector128.CreateScalar(Crc64XzFoldConstants.BarrettMu));
        Vector128<ulong> t2 = TMultiply.MultiplyLow(t1, Vector128.CreateScalar(Crc64XzFoldConstants.BarrettPolynomial));
        return (value ^ ShiftLeftOneQword(t1) ^ t2).GetElement(1);
    }

    // Whole-register byte shifts: one instruction on either instruction set, and portable code elsewhere.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> ShiftRightOneQword(Vector128<ulong> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ShiftRightLogical128BitLane(value.AsByte(), 8).AsUInt64();
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.ExtractVector128(value.AsByte(), Vector128<byte>.Zero, 8).AsUInt64();
        }

        return Vector128.Create(value.GetElement(1), 0UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> ShiftLeftOneQword(Vector128<ulong> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ShiftLeftLogical128BitLane(value.AsByte(), 8).AsUInt64();
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.ExtractVector128(Vector128<byte>.Zero, value.AsByte(), 8).AsUInt64();
        }

        return Vector128.Create(0UL, value.GetElement(0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte data, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();
}
#endif
