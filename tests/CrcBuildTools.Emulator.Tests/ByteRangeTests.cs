using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>The Range rules of both services on a 1,000-byte object (the OSS table in its documentation, and RFC 9110).</summary>
public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-499", 0, 499)]
    [InlineData("bytes=500-", 500, 999)]
    [InlineData("bytes=-300", 700, 999)]
    [InlineData("bytes=999-999", 999, 999)]
    [InlineData(" bytes=10-19 ", 10, 19)]
    public void Ranges_inside_the_object_are_partial_everywhere(string header, long first, long last)
    {
        foreach ((EmulatedProvider provider, bool standard) in new[] { (EmulatedProvider.Cos, false), (EmulatedProvider.Oss, false), (EmulatedProvider.Oss, true) })
        {
            Assert.Equal(new ByteRange(ByteRangeOutcome.Partial, first, last), ByteRange.Resolve(header, 1000, provider, standard));
        }
    }

    [Theory]
    [InlineData("bytes=500-2000", "Partial 500-999", "Whole", "Partial 500-999")]
    [InlineData("bytes=1000-2000", "Unsatisfiable", "Whole", "Unsatisfiable")]
    [InlineData("bytes=1000-", "Unsatisfiable", "Whole", "Unsatisfiable")]
    [InlineData("bytes=-2000", "Partial 0-999", "Whole", "Partial 0-999")]
    [InlineData("bytes=-0", "Unsatisfiable", "Whole", "Unsatisfiable")]
    [InlineData("byte=0-499", "Whole", "Whole", "Unsatisfiable")]
    [InlineData("bytes=0-1,5-6", "Whole", "Whole", "Unsatisfiable")]
    [InlineData("bytes=9-3", "Whole", "Whole", "Unsatisfiable")]
    [InlineData("bytes=-", "Whole", "Whole", "Unsatisfiable")]
    public void Ranges_that_leave_the_object_follow_each_providers_rule(string header, string cos, string oss, string ossStandard)
    {
        Assert.Equal(cos, Describe(ByteRange.Resolve(header, 1000, EmulatedProvider.Cos, false)));
        Assert.Equal(oss, Describe(ByteRange.Resolve(header, 1000, EmulatedProvider.Oss, false)));
        Assert.Equal(ossStandard, Describe(ByteRange.Resolve(header, 1000, EmulatedProvider.Oss, true)));
    }

    [Fact]
    public void An_empty_object_satisfies_no_range()
    {
        Assert.Equal(ByteRangeOutcome.Unsatisfiable, ByteRange.Resolve("bytes=0-", 0, EmulatedProvider.Cos, false).Outcome);
        Assert.Equal(ByteRangeOutcome.Whole, ByteRange.Resolve("bytes=0-", 0, EmulatedProvider.Oss, false).Outcome);
        Assert.Equal(ByteRangeOutcome.Whole, ByteRange.Resolve(null, 0, EmulatedProvider.Oss, true).Outcome);
    }

    private static string Describe(ByteRange range) =>
        range.Outcome == ByteRangeOutcome.Partial ? $"Partial {range.First}-{range.Last}" : range.Outcome.ToString();
}
