namespace CrcBuildTools.Hashing;

/// <summary>The code paths that can compute CRC-64/XZ. All give identical results; they differ only in speed.</summary>
public enum Crc64XzImplementation
{
    /// <summary>Portable slicing-by-16 tables. Used on .NET Framework / netstandard2.0 and on CPUs without carry-less multiply.</summary>
    Scalar = 0,

    /// <summary>x86 PCLMULQDQ, folding 128 bits at a time (eight accumulators, 128 bytes per iteration).</summary>
    Pclmulqdq128 = 1,

    /// <summary>x86 VPCLMULQDQ on 256-bit vectors (AVX2 class CPUs such as AMD Zen 3), four accumulators, 128 bytes per iteration.</summary>
    Vpclmulqdq256 = 2,

    /// <summary>x86 VPCLMULQDQ on 512-bit vectors (AVX-512), four accumulators, 256 bytes per iteration.</summary>
    Vpclmulqdq512 = 3,

    /// <summary>ARM64 PMULL, folding 128 bits at a time.</summary>
    ArmPmull = 4,
}
