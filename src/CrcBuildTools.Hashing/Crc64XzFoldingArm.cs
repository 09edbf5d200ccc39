#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ArmAes = System.Runtime.Intrinsics.Arm.Aes;
using AdvSimd = System.Runtime.Intrinsics.Arm.AdvSimd;

namespace CrcBuildTools.Hashing;

/// <summary>
/// ARM64 PMULL folding: the same algorithm as <see cref="Crc64XzFolding128"/> (eight lanes, 128 bytes an iteration),
/// with PMULL/PMULL2 in place of PCLMULQDQ. The reduction is done in scalar code from the folded 128 bits, which
/// costs a few nanoseconds per call and keeps this file free of a second Barrett implementation.
/// </summary>
internal static class Crc64XzFoldingArm
{
    private const int BlockSize = 128;

    public static bool IsSupported => ArmAes.IsSupported && AdvSimd.Arm64.IsSupported;

    public static ulong Update(ulong register, ReadOnlySpan<byte> source)
    {
        if (source.Length < BlockSize * 2)
        {
            return Crc64XzScalar.Update(register, source);
        }

        ref byte data = ref MemoryMarshal.GetReference(source);
        int length = source.Length;
        Vector128<ulong> x0 = Load(ref data, 0) ^ Vector128.CreateScalar(register);
        Vector128<ulong> x1 = Load(ref data, 16), x2 = Load(ref data, 32), x3 = Load(ref data, 48);
        Vector128<ulong> x4 = Load(ref data, 64), x5 = Load(ref data, 80), x6 = Load(ref data, 96), x7 = Load(ref data, 112);

        var k128 = Crc64XzFoldConstants.Distance128;
        int offset = BlockSize;
        for (; offset + BlockSize <= length; offset += BlockSize)
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

        var k64 = Crc64XzFoldConstants.Distance64;
        x4 ^= Fold(x0, k64);
        x5 ^= Fold(x1, k64);
        x6 ^= Fold(x2, k64);
        x7 ^= Fold(x3, k64);
        var k32 = Crc64XzFoldConstants.Distance32;
        x6 ^= Fold(x4, k32);
        x7 ^= Fold(x5, k32);
        Vector128<ulong> lane = x7 ^ Fold(x6, Crc64XzFoldConstants.Distance16);

        // The last 16-byte lane is data the register has already absorbed: run it through the scalar path from a
        // zero register, which is exactly the reduction of those 128 bits.
        Span<byte> last = stackalloc byte[16];
        MemoryMarshal.Write(last, in lane);
        ulong reduced = Crc64XzScalar.Update(0, last);
        return Crc64XzScalar.Update(reduced, source.Slice(offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> lane, (ulong Low, ulong High) k) =>
        ArmAes.PolynomialMultiplyWideningLower(lane.GetLower(), Vector64.Create(k.Low)) ^
        ArmAes.PolynomialMultiplyWideningUpper(lane, Vector128.Create(k.High, k.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte data, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();
}
#endif
