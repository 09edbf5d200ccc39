using System;
using System.Numerics;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// The folding and Barrett constants are derived from the polynomial at start-up; these tests hold them to the
/// values published by crc64fast / ISA-L / aws-checksums, and re-derive mu by long division.
/// </summary>
public sealed class FoldConstantTests
{
    [Theory]
    [InlineData(16, 0xdabe95afc7875f40, 0xe05dd497ca393ae4)]
    [InlineData(32, 0x3be653a30fe1af51, 0x60095b008a9efa44)]
    [InlineData(48, 0x69a35d91c3730254, 0xb5ea1af9c013aca4)]
    [InlineData(64, 0x081f6054a7842df4, 0x6ae3efbb9dd441f3)]
    [InlineData(128, 0xd7d86b2af73de740, 0x8757d71d4fcc1000)]
    [InlineData(192, 0xb0382771eb06c453, 0x47b00921f036ff71)]
    [InlineData(256, 0xf31fd9271e228b79, 0x8260adf2381ad81c)]
    public void PublishedPairEqualsTheDerivedOne(int distance, ulong k8dMinus1, ulong k8dPlus63)
    {
        (ulong low, ulong high) = Crc64XzFoldConstants.ForDistance(distance);
        Assert.Equal(k8dPlus63, low);
        Assert.Equal(k8dMinus1, high);
    }

    [Fact]
    public void CachedDistancesEqualTheirDerivation()
    {
        Assert.Equal(Crc64XzFoldConstants.ForDistance(16), Crc64XzFoldConstants.Distance16);
        Assert.Equal(Crc64XzFoldConstants.ForDistance(32), Crc64XzFoldConstants.Distance32);
        Assert.Equal(Crc64XzFoldConstants.ForDistance(48), Crc64XzFoldConstants.Distance48);
        Assert.Equal(Crc64XzFoldConstants.ForDistance(64), Crc64XzFoldConstants.Distance64);
        Assert.Equal(Crc64XzFoldConstants.ForDistance(128), Crc64XzFoldConstants.Distance128);
        Assert.Equal(Crc64XzFoldConstants.ForDistance(256), Crc64XzFoldConstants.Distance256);
    }

    /// <summary>mu = floor(x^128 / P) with P the full 65-bit polynomial, bit-reflected over 65 bits.</summary>
    [Fact]
    public void BarrettConstantsFollowFromThePolynomial()
    {
        BigInteger polynomial = (BigInteger.One << 64) | Crc64XzPolynomial.Normal;
        BigInteger quotient = CarrylessDivide(BigInteger.One << 128, polynomial);

        Assert.Equal(0x9c3e466c172963d5UL, Crc64XzFoldConstants.BarrettMu);
        ulong derivedMu = (ulong)Reflect(quotient, 65);
        Assert.Equal(Crc64XzFoldConstants.BarrettMu, derivedMu);
        Assert.Equal(0x92d8af2baf0e1e85UL, Crc64XzFoldConstants.BarrettPolynomial);
        ulong derivedPolynomial = (ulong)(Reflect(polynomial, 65) & ulong.MaxValue);
        Assert.Equal(Crc64XzFoldConstants.BarrettPolynomial, derivedPolynomial);
        Assert.Equal(Crc64XzPolynomial.Reflected, (ulong)Reflect(Crc64XzPolynomial.Normal, 64));
    }

    [Fact]
    public void PowersOfXObeyTheExponentRules()
    {
        const ulong one = 1UL << 63;
        Assert.Equal(one, Crc64XzCombine.PowerOfX(0));
        Assert.Equal(one >> 1, Crc64XzCombine.PowerOfX(1));
        Assert.Equal(1UL, Crc64XzCombine.PowerOfX(63));

        // x^64 mod P is P without its x^64 term.
        Assert.Equal(Crc64XzPolynomial.Reflected, Crc64XzCombine.PowerOfX(64));

        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            long a = random.NextInt64(0, 1L << 40), b = random.NextInt64(0, 1L << 40);
            Assert.Equal(Crc64XzCombine.PowerOfX(a + b), Crc64XzCombine.MultiplyBitwise(Crc64XzCombine.PowerOfX(a), Crc64XzCombine.PowerOfX(b)));
        }
    }

    [Fact]
    public void CarrylessMultiplyEqualsBitwiseMultiply()
    {
        var random = new Random(11);
        ulong[] edges = { 0, 1, 1UL << 63, ulong.MaxValue, Crc64XzPolynomial.Reflected };
        foreach (ulong a in edges)
        {
            foreach (ulong b in edges)
            {
                Assert.Equal(Crc64XzCombine.MultiplyBitwise(a, b), Crc64XzCombine.Multiply(a, b));
            }
        }

        for (int i = 0; i < 20_000; i++)
        {
            ulong a = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            ulong b = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            Assert.Equal(Crc64XzCombine.MultiplyBitwise(a, b), Crc64XzCombine.Multiply(a, b));
        }
    }

    [Fact]
    public void MultiplicationIsCommutativeAndOneIsNeutral()
    {
        var random = new Random(12);
        for (int i = 0; i < 500; i++)
        {
            ulong a = (ulong)random.NextInt64(), b = (ulong)random.NextInt64();
            Assert.Equal(Crc64XzCombine.MultiplyBitwise(a, b), Crc64XzCombine.MultiplyBitwise(b, a));
            Assert.Equal(a, Crc64XzCombine.Multiply(a, 1UL << 63));
        }
    }

    private static BigInteger CarrylessDivide(BigInteger dividend, BigInteger divisor)
    {
        long divisorDegree = (long)divisor.GetBitLength() - 1;
        BigInteger quotient = BigInteger.Zero;
        while (dividend.GetBitLength() - 1 >= divisorDegree)
        {
            int shift = (int)(dividend.GetBitLength() - 1 - divisorDegree);
            quotient |= BigInteger.One << shift;
            dividend ^= divisor << shift;
        }

        return quotient;
    }

    private static BigInteger Reflect(BigInteger value, int bits)
    {
        BigInteger result = BigInteger.Zero;
        for (int i = 0; i < bits; i++)
        {
            if (!(value >> i).IsEven)
            {
                result |= BigInteger.One << (bits - 1 - i);
            }
        }

        return result;
    }
}
