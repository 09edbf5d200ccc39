using System;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// crc(A||B) = Combine(crc(A), crc(B), len(B)), checked on real data and, for lengths far beyond what a test can
/// hash, against an independent formula built only from the bitwise multiply and x^n: hashing n zero bytes
/// multiplies the raw register by x^(8n), so crc(A||0^n) = ~(~crc(A) * x^(8n)).
/// </summary>
public sealed class CombineTests
{
    [Fact]
    public void RandomSplitsOfRealData()
    {
        byte[] data = RandomBytes.Create(70_001, 3);
        ulong whole = Crc64Xz.Hash(data);
        var random = new Random(8);
        for (int i = 0; i < 300; i++)
        {
            int split = i switch { 0 => 0, 1 => data.Length, _ => random.Next(0, data.Length + 1) };
            ulong crcA = Crc64Xz.Hash(data.AsSpan(0, split));
            ulong crcB = Crc64Xz.Hash(data.AsSpan(split));
            Assert.Equal(whole, Crc64Xz.Combine(crcA, crcB, data.Length - split));
        }
    }

    [Fact]
    public void ThreeWaySplitsCombineInEitherOrder()
    {
        byte[] data = RandomBytes.Create(10_000, 4);
        ulong a = Crc64Xz.Hash(data.AsSpan(0, 1234)), b = Crc64Xz.Hash(data.AsSpan(1234, 5000)), c = Crc64Xz.Hash(data.AsSpan(6234));
        ulong leftFirst = Crc64Xz.Combine(Crc64Xz.Combine(a, b, 5000), c, data.Length - 6234);
        ulong rightFirst = Crc64Xz.Combine(a, Crc64Xz.Combine(b, c, data.Length - 6234), data.Length - 1234);
        Assert.Equal(Crc64Xz.Hash(data), leftFirst);
        Assert.Equal(Crc64Xz.Hash(data), rightFirst);
    }

    [Fact]
    public void ZeroLengthEdges()
    {
        ulong crc = Crc64Xz.Hash(RandomBytes.Create(100, 5));
        Assert.Equal(crc, Crc64Xz.Combine(crc, 0, 0));   // B empty: crc(empty) = 0, length 0.
        Assert.Equal(crc, Crc64Xz.Combine(0, crc, 100)); // A empty.
        Assert.Equal(0UL, Crc64Xz.Combine(0, 0, 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Crc64Xz.Combine(crc, crc, -1));
        Assert.Equal("lengthB", error.ParamName);
    }

    [Fact]
    public void ZeroShiftFormulaAgreesWithHashingZeros()
    {
        var random = new Random(6);
        foreach (int length in new[] { 0, 1, 7, 8, 15, 16, 17, 255, 256, 4095, 65_536, 1_000_003, 3 << 20 })
        {
            ulong crcA = (ulong)random.NextInt64();
            Assert.Equal(Crc64Xz.Append(crcA, new byte[length]), CrcFollowedByZeros(crcA, length));
        }
    }

    /// <summary>Lengths around 2^31, 2^32, 5 GiB and beyond, where an int overflow or a missing power would show.</summary>
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1L << 31)]
    [InlineData((1L << 32) - 1)]
    [InlineData(1L << 32)]
    [InlineData((1L << 32) + 1)]
    [InlineData((1L << 32) + 4097)]
    [InlineData(5L << 30)]
    [InlineData((5L << 30) + 3)]
    [InlineData(1L << 40)]
    [InlineData((1L << 59) + 12345)]
    public void HugeZeroRunsMatchTheIndependentFormula(long length)
    {
        var random = new Random((int)(length % 10007));
        for (int i = 0; i < 4; i++)
        {
            ulong crcA = (ulong)random.NextInt64();
            ulong crcOfZeros = CrcFollowedByZeros(0, length); // crc(0^n): A empty.
            Assert.Equal(CrcFollowedByZeros(crcA, length), Crc64Xz.Combine(crcA, crcOfZeros, length));

            // Arbitrary crc(B): the formula is linear in crc(B).
            ulong crcB = (ulong)random.NextInt64();
            ulong expected = Crc64XzCombine.MultiplyBitwise(crcA, Crc64XzCombine.PowerOfX(8 * length)) ^ crcB;
            Assert.Equal(expected, Crc64Xz.Combine(crcA, crcB, length));
        }
    }

    [Fact]
    public void LongMaxValueLengthIsAccepted()
    {
        // 8 * long.MaxValue overflows PowerOfX's argument, so build x^(8n) as (x^8)^n by square-and-multiply here.
        ulong factor = 1UL << 63;
        ulong square = Crc64XzCombine.PowerOfX(8);
        for (ulong n = long.MaxValue; n != 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                factor = Crc64XzCombine.MultiplyBitwise(factor, square);
            }

            square = Crc64XzCombine.MultiplyBitwise(square, square);
        }

        ulong crcA = 0x0123456789ABCDEF, crcB = 0xFEDCBA9876543210;
        Assert.Equal(Crc64XzCombine.MultiplyBitwise(crcA, factor) ^ crcB, Crc64Xz.Combine(crcA, crcB, long.MaxValue));
    }

    /// <summary>Once, with real (non-zero) data above 2^28 bytes: B is the shared 16 MiB buffer appended 20 times.</summary>
    [Fact]
    public void RealDataOfThreeHundredMegabytes()
    {
        ReadOnlySpan<byte> block = RandomBytes.AlignedSlice(0, RandomBytes.SharedLength - 128);
        byte[] a = RandomBytes.Create(1001, 9);
        var b = new Crc64Xz();
        var whole = new Crc64Xz();
        whole.Append(a);
        for (int i = 0; i < 20; i++)
        {
            b.Append(block);
            whole.Append(block);
        }

        Assert.Equal(20L * block.Length, b.Length);
        Assert.Equal(whole.GetCurrentHashAsUInt64(), Crc64Xz.Combine(Crc64Xz.Hash(a), b.GetCurrentHashAsUInt64(), b.Length));
    }

    private static ulong CrcFollowedByZeros(ulong crc, long zeroBytes) =>
        ~Crc64XzCombine.MultiplyBitwise(~crc, Crc64XzCombine.PowerOfX(8 * zeroBytes));
}
