using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace CrcBuildTools.Hashing;

/// <summary>
/// Polynomial arithmetic modulo P in the reflected domain (bit 63 is x^0), for combining CRCs without the data:
/// crc(A||B) = crc(A) * x^(8*len(B)) mod P xor crc(B). The init and final xor of CRC-64/XZ cancel out in that identity.
/// </summary>
internal static class Crc64XzCombine
{
    private const ulong One = 1UL << 63;

    /// <summary><c>PowersOfX[k]</c> = x^(8 * 2^k) mod P: enough to shift by any byte count below 2^64.</summary>
    private static readonly ulong[] BytePowersOfX = BuildBytePowers();

    public static ulong Combine(ulong crcA, ulong crcB, long lengthB)
    {
        if (lengthB < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthB), lengthB, "The length of the second part cannot be negative.");
        }

        return Multiply(crcA, ShiftFactor((ulong)lengthB)) ^ crcB;
    }

    /// <summary>x^(8 * byteCount) mod P, in O(log byteCount) multiplications.</summary>
    public static ulong ShiftFactor(ulong byteCount)
    {
        ulong result = One;
        for (int k = 0; byteCount != 0; k++, byteCount >>= 1)
        {
            if ((byteCount & 1) != 0)
            {
                result = Multiply(result, BytePowersOfX[k]);
            }
        }

        return result;
    }

    /// <summary>a * b mod P. Uses one carry-less multiply plus a Barrett reduction where the CPU has it (x86 or ARM).</summary>
    public static ulong Multiply(ulong a, ulong b)
    {
#if NET8_0_OR_GREATER
        if (PclmulqdqMultiply.IsSupported)
        {
            return MultiplyCarryless<PclmulqdqMultiply>(a, b);
        }

        if (PmullMultiply.IsSupported)
        {
            return MultiplyCarryless<PmullMultiply>(a, b);
        }
#endif
        return MultiplyBitwise(a, b);
    }

    /// <summary>Shift-and-add multiply: the portable reference the fast version is tested against.</summary>
    public static ulong MultiplyBitwise(ulong a, ulong b)
    {
        ulong product = 0;
        for (ulong mask = One; mask != 0 && a != 0; mask >>= 1)
        {
            if ((a & mask) != 0)
            {
                product ^= b;
                a &= ~mask;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Crc64XzPolynomial.Reflected : b >> 1;
        }

        return product;
    }

    /// <summary>x^n mod P, reflected. Used to derive folding constants from the polynomial.</summary>
    public static ulong PowerOfX(long n)
    {
        ulong result = One;
        ulong square = One >> 1; // x^1
        for (; n != 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                result = MultiplyBitwise(result, square);
            }

            square = MultiplyBitwise(square, square);
        }

        return result;
    }

    /// <summary>The folding constant K(n) of the published tables (crc64fast, ISA-L): x^n mod P, reflected.</summary>
    public static ulong FoldConstant(int n) => PowerOfX(n);

#if NET8_0_OR_GREATER
    /// <summary>The carry-less version, internal so the tests can pin each instruction set.</summary>
    internal static ulong MultiplyCarryless<TMultiply>(ulong a, ulong b)
        where TMultiply : struct, ICarrylessMultiply128
    {
        Vector128<ulong> product = TMultiply.MultiplyLow(Vector128.CreateScalar(a), Vector128.CreateScalar(b));

        // The reflected product of two 64-bit values has x^0 at bit 126; shifting left by one puts it at bit 127,
        // the layout the Barrett step reduces.
        ulong low = product.GetElement(0);
        ulong high = product.GetElement(1);
        return Crc64XzFolding128.Reduce128<TMultiply>(Vector128.Create(low << 1, (high << 1) | (low >> 63)));
    }
#endif

    private static ulong[] BuildBytePowers()
    {
        var powers = new ulong[64];
        powers[0] = PowerOfX(8);
        for (int k = 1; k < powers.Length; k++)
        {
            powers[k] = MultiplyBitwise(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }
}
