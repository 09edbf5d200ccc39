using System;
using System.Linq;
using CrcBuildTools.Runtime;
using Xunit;

namespace CrcBuildTools.Runtime.Tests;

/// <summary>The compact table generated code records its resources in: names taken by length, so any character fits.</summary>
public sealed class EmbeddedResourceTableTests
{
    [Fact]
    public void Decodes_names_with_any_character_including_the_separators()
    {
        string[] names = { "a", "with:colon;semicolon", "line\u2028sep\u0085", "12:looks:like:a:record;", "emoji 😀" };
        string table = string.Concat(names.Select((n, i) => $"{n.Length}:{n}:{i * 10}:{ulong.MaxValue - (ulong)i};"));

        var resources = EmbeddedResourceTable.Decode(table);

        Assert.Equal(names, resources.Select(r => r.Name));
        Assert.Equal(new long[] { 0, 10, 20, 30, 40 }, resources.Select(r => r.Length));
        Assert.Equal(ulong.MaxValue - 4, resources[4].Crc64);
        Assert.Empty(EmbeddedResourceTable.Decode(string.Empty));
    }

    [Theory]
    [InlineData("5:abc")]
    [InlineData("3:abc:1:2")]
    [InlineData("3:abc;1:2;")]
    [InlineData("x:abc:1:2;")]
    [InlineData("3:abc:-1:2;")]
    [InlineData("3:abc:1:18446744073709551616;")]
    public void A_damaged_table_is_a_format_error_that_says_to_rebuild(string table)
    {
        var error = Assert.Throws<FormatException>(() => EmbeddedResourceTable.Decode(table));
        Assert.Contains("Rebuild the project", error.Message, StringComparison.Ordinal);
    }
}
