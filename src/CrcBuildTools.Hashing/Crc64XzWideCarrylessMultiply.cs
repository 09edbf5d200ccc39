#if NET10_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrcBuildTools.Hashing;

/// <summary>
/// What <see cref="Crc64XzFoldingWide"/> needs from one vector width: loads, constants, xor, the 128-bit lanes of a
/// vector, and the carry-less multiply of every lane's low (or high) qwords at once (one VPCLMULQDQ). The kernel is
/// generic over it and the JIT compiles one specialised copy per width, so the 256-bit path that runs on AVX2
/// machines and the 512-bit path that runs on AVX-512 machines are the same folding logic.
/// </summary>
/// <typeparam name="TVector">The vector type, <c>Vector256&lt;ulong&gt;</c> or <c>Vector512&lt;ulong&gt;</c>.</typeparam>
internal interface IWideCarrylessMultiply<TVector>
    where TVector : struct
{
    /// <summary>Whether this CPU runs the width natively.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>The number of 128-bit lanes in a vector: 2 or 4.</summary>
    static abstract int Lanes { get; }

    static abstract TVector Load(ref byte source);

    /// <summary>The same pair of folding constants in every lane.</summary>
    static abstract TVector Broadcast((ulong Low, ulong High) pair);

    /// <summary>A vector whose lowest qword is <paramref name="value"/> and all else zero.</summary>
    static abstract TVector CreateScalar(ulong value);

    static abstract TVector Xor(TVector a, TVector b);

    /// <summary>Lane by lane: <c>a.low * b.low</c>, carry-less.</summary>
    static abstract TVector MultiplyLow(TVector a, TVector b);

    /// <summary>Lane by lane: <c>a.high * b.high</c>, carry-less.</summary>
    static abstract TVector MultiplyHigh(TVector a, TVector b);

    /// <summary>The 128-bit lane <paramref name="index"/> (0 is the lowest, the one earliest in the data).</summary>
    static abstract Vector128<ulong> Lane(TVector vector, int index);
}

/// <summary>VPCLMULQDQ on ymm: two lanes per instruction (AVX2-class CPUs such as AMD Zen 3, Intel Alder Lake).</summary>
internal readonly struct Vpclmulqdq256Multiply : IWideCarrylessMultiply<Vector256<ulong>>
{
    public static bool IsSupported => Pclmulqdq.V256.IsSupported && Avx2.IsSupported && PclmulqdqMultiply.IsSupported;

    public static int Lanes => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Load(ref byte source) => Vector256.LoadUnsafe(ref source).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Broadcast((ulong Low, ulong High) pair) => Vector256.Create(pair.Low, pair.High, pair.Low, pair.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> CreateScalar(ulong value) => Vector256.CreateScalar(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyLow(Vector256<ulong> a, Vector256<ulong> b) => Pclmulqdq.V256.CarrylessMultiply(a, b, 0x00);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyHigh(Vector256<ulong> a, Vector256<ulong> b) => Pclmulqdq.V256.CarrylessMultiply(a, b, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Lane(Vector256<ulong> vector, int index) => index == 0 ? vector.GetLower() : vector.GetUpper();
}

/// <summary>VPCLMULQDQ on zmm: four lanes per instruction (AVX-512: Intel since Ice Lake, AMD since Zen 4).</summary>
internal readonly struct Vpclmulqdq512Multiply : IWideCarrylessMultiply<Vector512<ulong>>
{
    public static bool IsSupported => Pclmulqdq.V512.IsSupported && Avx512F.IsSupported && PclmulqdqMultiply.IsSupported;

    public static int Lanes => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Load(ref byte source) => Vector512.LoadUnsafe(ref source).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Broadcast((ulong Low, ulong High) pair) =>
        Vector512.Create(pair.Low, pair.High, pair.Low, pair.High, pair.Low, pair.High, pair.Low, pair.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> CreateScalar(ulong value) => Vector512.CreateScalar(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyLow(Vector512<ulong> a, Vector512<ulong> b) => Pclmulqdq.V512.CarrylessMultiply(a, b, 0x00);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b) => Pclmulqdq.V512.CarrylessMultiply(a, b, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Lane(Vector512<ulong> vector, int index) => index switch
    {
        0 => vector.GetLower().GetLower(),
        1 => vector.GetLower().GetUpper(),
        2 => vector.GetUpper().GetLower(),
        _ => vector.GetUpper().GetUpper(),
    };
}
#endif
