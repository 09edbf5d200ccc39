using System;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>The text forms: decimal as COS/OSS print it, hex as xz prints it, and strict parsing of both.</summary>
public sealed class FormatTests
{
    [Fact]
    public void DecimalIsTheServicesForm()
    {
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            Assert.Equal(vector.Decimal.ToString(System.Globalization.CultureInfo.InvariantCulture), Crc64XzFormat.ToDecimalString(vector.Decimal));
        }

        Assert.Equal("11051210869376104954", Crc64XzFormat.ToDecimalString(0x995DC9BBDF1939FA));
        Assert.Equal("18446744073709551615", Crc64XzFormat.ToDecimalString(ulong.MaxValue));
        Assert.Equal("0", Crc64XzFormat.ToDecimalString(0));
    }

    [Fact]
    public void HexIsSixteenLowercaseDigits()
    {
        Assert.Equal("995dc9bbdf1939fa", Crc64XzFormat.ToHexString(11051210869376104954));
        Assert.Equal("0000000000000000", Crc64XzFormat.ToHexString(0));
        Assert.Equal("0000000000000001", Crc64XzFormat.ToHexString(1));
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("11051210869376104954", 11051210869376104954UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("000123", 123UL)]
    [InlineData("  42\t\r\n", 42UL)]
    [InlineData("0x995DC9BBDF1939FA", 0x995DC9BBDF1939FAUL)]
    [InlineData("0x995dc9bbdf1939fa", 0x995DC9BBDF1939FAUL)]
    [InlineData("0X1", 1UL)]
    [InlineData(" 0xffffffffffffffff ", ulong.MaxValue)]
    [InlineData("0x0000000000000000", 0UL)]
    public void ParsesDecimalAndPrefixedHex(string text, ulong expected)
    {
        Assert.Equal(expected, Crc64XzFormat.Parse(text));
        Assert.True(Crc64XzFormat.TryParse(text, out ulong parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e5")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("995dc9bbdf1939fa")] // bare hex is ambiguous with decimal, so it needs the 0x prefix
    [InlineData("0x")]
    [InlineData("0x10000000000000000")]
    [InlineData("0x-1")]
    [InlineData("0xg")]
    [InlineData("1 2")]
    [InlineData("1,000")]
    [InlineData("1.0")]
    [InlineData("\u0661\u0662")] // Arabic-Indic digits are digits to char.IsDigit, not to us
    public void RejectsAnythingElseWithAMessageNamingTheInput(string text)
    {
        Assert.False(Crc64XzFormat.TryParse(text, out ulong value));
        Assert.Equal(0UL, value);
        var error = Assert.Throws<FormatException>(() => Crc64XzFormat.Parse(text));
        Assert.Contains("'" + text + "'", error.Message);
        Assert.Contains("unsigned decimal", error.Message);
    }

    [Fact]
    public void RejectsNullWithAMessageSayingNull()
    {
        Assert.False(Crc64XzFormat.TryParse(null, out _));
        var error = Assert.Throws<FormatException>(() => Crc64XzFormat.Parse(null));
        Assert.StartsWith("null ", error.Message);
    }

    [Fact]
    public void LongInputIsQuotedTruncated()
    {
        string text = new string('z', 500);
        var error = Assert.Throws<FormatException>(() => Crc64XzFormat.Parse(text));
        Assert.Contains("'" + new string('z', 64) + "...'", error.Message);
        Assert.True(error.Message.Length < 400);
    }

    [Fact]
    public void RandomValuesRoundTrip()
    {
        var random = new Random(31);
        for (int i = 0; i < 2000; i++)
        {
            ulong value = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            Assert.Equal(value, Crc64XzFormat.Parse(Crc64XzFormat.ToDecimalString(value)));
            Assert.Equal(value, Crc64XzFormat.Parse("0x" + Crc64XzFormat.ToHexString(value)));
        }
    }
}
