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
/// VPCLMULQDQ on 512-bit vectors: four accumulators of four lanes each, 256 bytes an iteration. The shape mirrors
/// the 256-bit kernel exactly, at twice the width, so the two are easy to review side by side.
/// Whatever is left after the blocks (under 256 bytes) goes to the 128-bit path.
/// </summary>
internal static class PreviousFolding512
{
    private const int BlockSize = 256;

    public static bool IsSupported => Pclmulqdq.V512.IsSupported && Avx512F.IsSupported && PreviousFolding128.IsSupported;

    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        if (source.Length < BlockSize * 2)
        {
            return PreviousFolding128.Update(register, source);
        }

        ref byte data = ref MemoryMarshal.GetReference(source);
        int length = source.Length;

        Vector512<ulong> x0 = Load(ref data, 0) ^ Vector512.CreateScalar(register);
        Vector512<ulong> x1 = Load(ref data, 64), x2 = Load(ref data, 128), x3 = Load(ref data, 192);

        var k256 = Constants(Crc64XzFoldConstants.Distance256);
        int offset = BlockSize;
        for (; offset + BlockSize <= length; offset += BlockSize)
        {
            x0 = Fold(x0, k256) ^ Load(ref data, offset);
            x1 = Fold(x1, k256) ^ Load(ref data, offset + 64);
            x2 = Fold(x2, k256) ^ Load(ref data, offset + 128);
            x3 = Fold(x3, k256) ^ Load(ref data, offset + 192);
        }

        var k128 = Constants(Crc64XzFoldConstants.Distance128);
        x2 ^= Fold(x0, k128);
        x3 ^= Fold(x1, k128);
        x3 ^= Fold(x2, Constants(Crc64XzFoldConstants.Distance64));

        // Four lanes left, 48, 32 and 16 bytes behind the last one.
        Vector128<ulong> lane =
            x3.GetUpper().GetUpper() ^
            PreviousFolding128.Fold(x3.GetLower().GetLower(), PreviousFolding128.Constants(Crc64XzFoldConstants.Distance48)) ^
            PreviousFolding128.Fold(x3.GetLower().GetUpper(), PreviousFolding128.Constants(Crc64XzFoldConstants.Distance32)) ^
            PreviousFolding128.Fold(x3.GetUpper().GetLower(), PreviousFolding128.Constants(Crc64XzFoldConstants.Distance16));
        ulong folded = PreviousFolding128.Reduce128(PreviousFolding128.FoldToLow64(lane));
        return PreviousFolding128.Update(folded, source.Slice(offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Constants((ulong Low, ulong High) pair) =>
        Vector512.Create(pair.Low, pair.High, pair.Low, pair.High, pair.Low, pair.High, pair.Low, pair.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Fold(Vector512<ulong> lanes, Vector512<ulong> constants) =>
        Pclmulqdq.V512.CarrylessMultiply(lanes, constants, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(lanes, constants, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Load(ref byte data, int offset) =>
        Vector512.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();
}
#endif
