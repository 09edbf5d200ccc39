#if NET10_0_OR_GREATER
using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrcBuildTools.Hashing;

/// <summary>
/// VPCLMULQDQ folding on wide vectors: four accumulators of 2 (ymm) or 4 (zmm) lanes, so 128 or 256 bytes an
/// iteration, with the same prefetch, collapse and tail at either width. Generic over the width, which the JIT
/// specialises (every width-dependent number below is a constant in the compiled code): the 512-bit path, which this
/// project's machines cannot always run, is this code, and the tests run it with a 512-bit multiply made of four
/// 128-bit ones. Whatever is left after the blocks (under one block) goes to <see cref="Crc64XzFolding128"/>.
/// </summary>
internal static class Crc64XzFoldingWide
{
    private const int Accumulators = 4;
    private const int CacheLine = 64;

    /// <summary>
    /// How far ahead of the loads the loop asks for cache lines: every line of the block that far ahead, at every
    /// width. The hardware prefetcher alone leaves the ymm loop at ~0.75x of plain read bandwidth on data from DRAM
    /// (Zen 3); 2 KiB ahead brings it to ~0.9x. In-cache speed is unchanged: the loop is bound by the carry-less
    /// multiplier, not by loads. See docs/benchmarks.md.
    /// </summary>
    private const int PrefetchDistance = 2048;

    /// <summary>The shortest input that gets software prefetch at all.</summary>
    private const int PrefetchFrom = 4 * PrefetchDistance;

    public static ulong Update<TWide, TVector>(ulong register, ReadOnlySpan<byte> source)
        where TWide : struct, IWideCarrylessMultiply<TVector>
        where TVector : struct
    {
        int width = TWide.Lanes * 16;
        int blockSize = Accumulators * width;
        if (source.Length < blockSize * 2)
        {
            return Crc64XzFolding128.Update<PclmulqdqMultiply>(register, source);
        }

        ref byte data = ref MemoryMarshal.GetReference(source);
        int length = source.Length;

        TVector x0 = TWide.Xor(TWide.Load(ref data), TWide.CreateScalar(register));
        TVector x1 = TWide.Load(ref Unsafe.Add(ref data, width));
        TVector x2 = TWide.Load(ref Unsafe.Add(ref data, 2 * width));
        TVector x3 = TWide.Load(ref Unsafe.Add(ref data, 3 * width));

        TVector kBlock = TWide.Broadcast(Crc64XzFoldConstants.ForDistanceOf(blockSize));
        int offset = blockSize;

        // While the block PrefetchDistance ahead is still inside the input, ask for it; the last PrefetchDistance
        // bytes fold without hints, so no prefetch ever reaches past the end. Inputs under PrefetchFrom get none:
        // they are mostly in cache already, and there the hints only take load slots (~3% at 4 KiB, zmm, Zen 5).
        int prefetchEnd = length >= PrefetchFrom ? length - PrefetchDistance : 0;
        for (; offset + blockSize <= prefetchEnd; offset += blockSize)
        {
            PrefetchBlock(ref data, offset + PrefetchDistance, blockSize);
            FoldBlock<TWide, TVector>(ref x0, ref x1, ref x2, ref x3, kBlock, ref Unsafe.Add(ref data, offset), width);
        }

        for (; offset + blockSize <= length; offset += blockSize)
        {
            FoldBlock<TWide, TVector>(ref x0, ref x1, ref x2, ref x3, kBlock, ref Unsafe.Add(ref data, offset), width);
        }

        // Four accumulators into one: x0 and x1 are two vectors behind x2 and x3, then x2 one behind x3.
        TVector kTwoVectors = TWide.Broadcast(Crc64XzFoldConstants.ForDistanceOf(2 * width));
        x2 = TWide.Xor(x2, Fold<TWide, TVector>(x0, kTwoVectors));
        x3 = TWide.Xor(x3, Fold<TWide, TVector>(x1, kTwoVectors));
        x3 = TWide.Xor(x3, Fold<TWide, TVector>(x2, TWide.Broadcast(Crc64XzFoldConstants.ForDistanceOf(width))));

        ulong folded = Crc64XzFolding128.Reduce<PclmulqdqMultiply>(CollapseLanes<TWide, TVector>(x3));
        return Crc64XzFolding128.Update<PclmulqdqMultiply>(folded, source.Slice(offset));
    }

    /// <summary>One iteration: every accumulator one block forward, then the next block's vectors xored in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FoldBlock<TWide, TVector>(ref TVector x0, ref TVector x1, ref TVector x2, ref TVector x3, TVector kBlock, ref byte block, int width)
        where TWide : struct, IWideCarrylessMultiply<TVector>
        where TVector : struct
    {
        x0 = TWide.Xor(Fold<TWide, TVector>(x0, kBlock), TWide.Load(ref block));
        x1 = TWide.Xor(Fold<TWide, TVector>(x1, kBlock), TWide.Load(ref Unsafe.Add(ref block, width)));
        x2 = TWide.Xor(Fold<TWide, TVector>(x2, kBlock), TWide.Load(ref Unsafe.Add(ref block, 2 * width)));
        x3 = TWide.Xor(Fold<TWide, TVector>(x3, kBlock), TWide.Load(ref Unsafe.Add(ref block, 3 * width)));
    }

    /// <summary>The lanes of the last vector into one: lane i is (lanes - 1 - i) x 16 bytes behind the last one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> CollapseLanes<TWide, TVector>(TVector x)
        where TWide : struct, IWideCarrylessMultiply<TVector>
        where TVector : struct
    {
        Debug.Assert(TWide.Lanes is 2 or 4, "Only ymm and zmm widths exist.");
        var k16 = Crc64XzFolding128.Constants(Crc64XzFoldConstants.Distance16);
        if (TWide.Lanes == 2)
        {
            return TWide.Lane(x, 1) ^ Crc64XzFolding128.Fold<PclmulqdqMultiply>(TWide.Lane(x, 0), k16);
        }

        return TWide.Lane(x, 3) ^
            Crc64XzFolding128.Fold<PclmulqdqMultiply>(TWide.Lane(x, 0), Crc64XzFolding128.Constants(Crc64XzFoldConstants.Distance48)) ^
            Crc64XzFolding128.Fold<PclmulqdqMultiply>(TWide.Lane(x, 1), Crc64XzFolding128.Constants(Crc64XzFoldConstants.Distance32)) ^
            Crc64XzFolding128.Fold<PclmulqdqMultiply>(TWide.Lane(x, 2), k16);
    }

    /// <summary>Moves every lane forward by the distance its constants encode: low*K_low xor high*K_high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Fold<TWide, TVector>(TVector lanes, TVector constants)
        where TWide : struct, IWideCarrylessMultiply<TVector>
        where TVector : struct =>
        TWide.Xor(TWide.MultiplyLow(lanes, constants), TWide.MultiplyHigh(lanes, constants));

    /// <summary>Hints every cache line of one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchBlock(ref byte data, int offset, int blockSize)
    {
        // Pointer arithmetic rather than a managed ref, so no GC-tracked pointer ever points past the buffer.
        // blockSize is a constant per width, so the second pair folds away for ymm.
        byte* address = (byte*)Unsafe.AsPointer(ref data) + offset;
        Sse.Prefetch0(address);
        Sse.Prefetch0(address + CacheLine);
        if (blockSize > 2 * CacheLine)
        {
            Sse.Prefetch0(address + (2 * CacheLine));
            Sse.Prefetch0(address + (3 * CacheLine));
        }
    }
}
#endif
