namespace CrcBuildTools.Hashing;

/// <summary>
/// Folding constants, derived from the polynomial at start-up (and checked against the published tables in the tests).
/// Folding a 16-byte lane forward by d bytes multiplies its low qword by K(8d+63) and its high qword by K(8d-1).
/// </summary>
internal static class Crc64XzFoldConstants
{
    public static readonly (ulong Low, ulong High) Distance16 = ForDistance(16);
    public static readonly (ulong Low, ulong High) Distance32 = ForDistance(32);
    public static readonly (ulong Low, ulong High) Distance48 = ForDistance(48);
    public static readonly (ulong Low, ulong High) Distance64 = ForDistance(64);
    public static readonly (ulong Low, ulong High) Distance128 = ForDistance(128);
    public static readonly (ulong Low, ulong High) Distance256 = ForDistance(256);

    /// <summary>Barrett reduction: mu = floor(x^128 / P) and P itself, both in the reflected convention.</summary>
    public const ulong BarrettMu = 0x9C3E466C172963D5;
    public const ulong BarrettPolynomial = 0x92D8AF2BAF0E1E85;

    /// <summary>
    /// The precomputed pair for a fold distance the kernels use. Inlined with a constant argument (the wide kernel's
    /// distances are constants per vector width), the switch disappears and only the field load remains.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static (ulong Low, ulong High) ForDistanceOf(int bytes) => bytes switch
    {
        16 => Distance16,
        32 => Distance32,
        48 => Distance48,
        64 => Distance64,
        128 => Distance128,
        256 => Distance256,
        _ => ForDistance(bytes),
    };

    public static (ulong Low, ulong High) ForDistance(int bytes) =>
        (Crc64XzCombine.FoldConstant((8 * bytes) + 63), Crc64XzCombine.FoldConstant((8 * bytes) - 1));
}
