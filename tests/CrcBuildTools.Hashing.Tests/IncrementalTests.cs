using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>The instance API: Append in pieces, continuation from a previous CRC, Reset, Length.</summary>
public sealed class IncrementalTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomChunkSizesEqualOneShot(int seed)
    {
        byte[] data = RandomBytes.Create(1 << 20, seed);
        var random = new Random(seed);
        var crc = new Crc64Xz();
        int offset = 0;
        while (offset < data.Length)
        {
            // Mostly small pieces (the short-input paths), sometimes large ones (the block loops).
            int n = Math.Min(data.Length - offset, random.Next(4) == 0 ? random.Next(0, 100_000) : random.Next(0, 300));
            crc.Append(data.AsSpan(offset, n));
            offset += n;
            Assert.Equal(offset, crc.Length);
        }

        Assert.Equal(Crc64Xz.Hash(data), crc.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void GetCurrentHashDoesNotReset()
    {
        var crc = new Crc64Xz();
        crc.Append(ReferenceVectors.Get("123456789").Data);
        Assert.Equal(11051210869376104954UL, crc.GetCurrentHashAsUInt64());
        Assert.Equal(11051210869376104954UL, crc.GetCurrentHashAsUInt64());
        Assert.Equal(new byte[] { 0x99, 0x5D, 0xC9, 0xBB, 0xDF, 0x19, 0x39, 0xFA }, crc.GetCurrentHash());
        Assert.Equal(9, crc.Length);
    }

    [Fact]
    public void ContinuationConstructorContinuesAndCountsLength()
    {
        byte[] a = RandomBytes.Create(5000, 20), b = RandomBytes.Create(7777, 21);
        byte[] both = new byte[a.Length + b.Length];
        a.CopyTo(both, 0);
        b.CopyTo(both, a.Length);

        var crc = new Crc64Xz(Crc64Xz.Hash(a), a.Length);
        Assert.Equal(Crc64Xz.Hash(a), crc.GetCurrentHashAsUInt64());
        crc.Append(b);
        Assert.Equal(Crc64Xz.Hash(both), crc.GetCurrentHashAsUInt64());
        Assert.Equal(both.Length, crc.Length);

        Assert.Equal(Crc64Xz.Hash(both), Crc64Xz.Append(Crc64Xz.Hash(a), b));
        Assert.Equal(Crc64Xz.Hash(b), Crc64Xz.Append(0, b)); // 0 is crc(empty).
    }

    [Fact]
    public void ContinuationConstructorRejectsNegativeLength()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64Xz(123, -1));
        Assert.Equal("previousLength", error.ParamName);
    }

    [Fact]
    public void ResetReturnsToTheConstructedState()
    {
        byte[] data = RandomBytes.Create(3000, 22);
        var fresh = new Crc64Xz();
        fresh.Append(data);
        fresh.Reset();
        Assert.Equal(0UL, fresh.GetCurrentHashAsUInt64());
        Assert.Equal(0, fresh.Length);
        fresh.Append(data);
        Assert.Equal(Crc64Xz.Hash(data), fresh.GetCurrentHashAsUInt64());

        var continued = new Crc64Xz(0xABCDEF, 42);
        continued.Append(data);
        continued.Reset();
        Assert.Equal(0xABCDEFUL, continued.GetCurrentHashAsUInt64());
        Assert.Equal(42, continued.Length);
    }

    [Fact]
    public void EmptyAppendsChangeNothing()
    {
        var crc = new Crc64Xz();
        crc.Append(ReadOnlySpan<byte>.Empty);
        crc.Append(new MemoryStream());
        Assert.Equal(0UL, crc.GetCurrentHashAsUInt64());
        Assert.Equal(0, crc.Length);
    }

    [Fact]
    public void StreamAppendStartsAtTheCurrentPosition()
    {
        byte[] data = RandomBytes.Create(10_000, 23);
        var stream = new MemoryStream(data) { Position = 4000 };
        Assert.Equal(Crc64Xz.Hash(data.AsSpan(4000)), Crc64Xz.Hash(stream));
    }

    [Fact]
    public async Task NullStreamsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new Crc64Xz().Append((Stream)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => new Crc64Xz().AppendAsync(null!));
        Assert.Throws<ArgumentNullException>(() => Crc64Xz.Hash((Stream)null!));
    }

    [Fact]
    public async Task AsyncStreamHashingHonoursCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Crc64Xz.HashAsync(new MemoryStream(new byte[100]), cancelled.Token));
    }
}
