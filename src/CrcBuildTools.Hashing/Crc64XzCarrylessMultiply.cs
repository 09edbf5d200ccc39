#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AdvSimd = System.Runtime.Intrinsics.Arm.AdvSimd;
using ArmAes = System.Runtime.Intrinsics.Arm.Aes;

namespace CrcBuildTools.Hashing;

/// <summary>
/// The only instruction-set-specific piece of <see cref="Crc64XzFolding128"/>: a 64x64 -> 128-bit carry-less product
/// of the low (or the high) qwords of two 128-bit vectors. The kernel is generic over it, and the JIT compiles one
/// specialised copy per implementation, so the folding logic exists once for x86 and ARM.
/// </summary>
internal interface ICarrylessMultiply128
{
    /// <summary>Whether this CPU has the instruction.</summary>
    static abstract bool IsSupported { get; }

    /// <summary><c>a.low * b.low</c>, carry-less.</summary>
    static abstract Vector128<ulong> MultiplyLow(Vector128<ulong> a, Vector128<ulong> b);

    /// <summary><c>a.high * b.high</c>, carry-less.</summary>
    static abstract Vector128<ulong> MultiplyHigh(Vector128<ulong> a, Vector128<ulong> b);
}

/// <summary>x86 PCLMULQDQ.</summary>
internal readonly struct PclmulqdqMultiply : ICarrylessMultiply128
{
    public static bool IsSupported => Pclmulqdq.IsSupported && Sse2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> MultiplyLow(Vector128<ulong> a, Vector128<ulong> b) => Pclmulqdq.CarrylessMultiply(a, b, 0x00);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> MultiplyHigh(Vector128<ulong> a, Vector128<ulong> b) => Pclmulqdq.CarrylessMultiply(a, b, 0x11);
}

/// <summary>ARM64 PMULL / PMULL2 (the crypto extension's polynomial multiply).</summary>
internal readonly struct PmullMultiply : ICarrylessMultiply128
{
    public static bool IsSupported => ArmAes.IsSupported && AdvSimd.Arm64.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> MultiplyLow(Vector128<ulong> a, Vector128<ulong> b) =>
        ArmAes.PolynomialMultiplyWideningLower(a.GetLower(), b.GetLower());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> MultiplyHigh(Vector128<ulong> a, Vector128<ulong> b) =>
        ArmAes.PolynomialMultiplyWideningUpper(a, b);
}
#endif
