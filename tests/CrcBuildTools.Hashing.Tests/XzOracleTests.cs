using CrcBuildTools.Hashing.Tests.Support;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// `xz` computes CRC-64/XZ with code that shares nothing with ours. These tests FAIL (not skip) without it: the CI
/// image installs xz-utils, and a missing oracle must not turn into a green build.
/// </summary>
public sealed class XzOracleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(1023)]
    [InlineData(65_537)]
    [InlineData((1 << 20) + 12_345)]
    [InlineData((3 << 20) + 1)]
    public void RandomFilesMatchXz(int length)
    {
        using var directory = new TempFolder();
        byte[] data = RandomBytes.Create(length, length ^ 0x5A5A);
        string file = directory.Write("random.bin", data);

        ulong expected = XzOracle.Crc64(file);

        Assert.Equal(expected, Crc64Xz.Hash(data));
        Assert.Equal(expected, Crc64Xz.HashFile(file).Crc);
    }

    [Fact]
    public void PublishedVectorMatchesXz()
    {
        using var directory = new TempFolder();
        string file = directory.Write("check.txt", ReferenceVectors.Get("123456789").Data);
        Assert.Equal(0x995DC9BBDF1939FAUL, XzOracle.Crc64(file));
    }

    [Fact]
    public void EmptyFileHashesToZero()
    {
        // xz writes no block, hence no check, for empty input, so the oracle cannot speak here; the published
        // table's vector for the empty input is the reference instead.
        using var directory = new TempFolder();
        string file = directory.Write("empty.bin", new byte[0]);
        Assert.Equal(ReferenceVectors.Get("empty").Decimal, Crc64Xz.HashFile(file).Crc);
    }
}
