using System;
#if NET10_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace CrcBuildTools.Hashing;

/// <summary>
/// Chooses the fastest code path once per process and routes every update through it. Works on the raw register
/// (before the final xor), so callers can chain updates; <see cref="Crc64Xz"/> handles the inversions.
/// </summary>
internal static class Crc64XzKernel
{
    /// <summary>Environment variable that pins a path for the whole process (tests, benchmarks, bug reports).</summary>
    public const string OverrideVariable = "CRCBUILDTOOLS_CRC64_IMPLEMENTATION";

    /// <summary>Every path, widest first: the order <see cref="Choose"/> prefers them in.</summary>
    public static readonly Crc64XzImplementation[] All =
    {
        Crc64XzImplementation.Vpclmulqdq512, Crc64XzImplementation.Vpclmulqdq256, Crc64XzImplementation.Pclmulqdq128,
        Crc64XzImplementation.ArmPmull, Crc64XzImplementation.Scalar,
    };

    public static readonly Crc64XzImplementation Active = Choose();

    public static ulong Update(ulong register, ReadOnlySpan<byte> source) => Update(Active, register, source);

    /// <summary>The test hook: runs exactly the requested path, or throws when this CPU or runtime lacks it.</summary>
    public static ulong Update(Crc64XzImplementation implementation, ulong register, ReadOnlySpan<byte> source)
    {
        switch (implementation)
        {
#if NET10_0_OR_GREATER
            // One wide kernel for both widths and one eight-lane kernel for both instruction sets: the JIT compiles a
            // specialised copy for each type argument.
            case Crc64XzImplementation.Vpclmulqdq512 when Vpclmulqdq512Multiply.IsSupported:
                return Crc64XzFoldingWide.Update<Vpclmulqdq512Multiply, Vector512<ulong>>(register, source);
            case Crc64XzImplementation.Vpclmulqdq256 when Vpclmulqdq256Multiply.IsSupported:
                return Crc64XzFoldingWide.Update<Vpclmulqdq256Multiply, Vector256<ulong>>(register, source);
#endif
#if NET8_0_OR_GREATER
            case Crc64XzImplementation.Pclmulqdq128 when PclmulqdqMultiply.IsSupported:
                return Crc64XzFolding128.Update<PclmulqdqMultiply>(register, source);
            case Crc64XzImplementation.ArmPmull when PmullMultiply.IsSupported:
                return Crc64XzFolding128.Update<PmullMultiply>(register, source);
#endif
            case Crc64XzImplementation.Scalar:
                return Crc64XzScalar.Update(register, source);
            default:
                throw new PlatformNotSupportedException(
                    $"The CRC-64/XZ path '{implementation}' is not available on this CPU or runtime. " +
                    $"Check Crc64Xz.IsSupported first; the available paths are: {string.Join(", ", Supported())}.");
        }
    }

    public static bool IsSupported(Crc64XzImplementation implementation) => implementation switch
    {
#if NET10_0_OR_GREATER
        Crc64XzImplementation.Vpclmulqdq512 => Vpclmulqdq512Multiply.IsSupported,
        Crc64XzImplementation.Vpclmulqdq256 => Vpclmulqdq256Multiply.IsSupported,
#endif
#if NET8_0_OR_GREATER
        Crc64XzImplementation.Pclmulqdq128 => PclmulqdqMultiply.IsSupported,
        Crc64XzImplementation.ArmPmull => PmullMultiply.IsSupported,
#endif
        Crc64XzImplementation.Scalar => true,
        _ => false,
    };

    public static Crc64XzImplementation[] Supported()
    {
        return Array.FindAll(All, IsSupported);
    }

    private static Crc64XzImplementation Choose()
    {
        string? requested = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(requested) &&
            Enum.TryParse(requested!.Trim(), ignoreCase: true, out Crc64XzImplementation forced) &&
            IsSupported(forced))
        {
            return forced;
        }

        return Array.Find(All, IsSupported);
    }
}
