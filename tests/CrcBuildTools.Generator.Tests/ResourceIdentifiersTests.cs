using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CrcBuildTools.Generator.Tests;

public sealed class ResourceIdentifiersTests
{
    [Theory]
    [InlineData("App.Images.logo.png", "App_Images_logo_png")]
    [InlineData("my file-name.txt", "my_file_name_txt")]
    [InlineData("1st.bin", "_1st_bin")]
    [InlineData("class", "@class")]
    [InlineData("var", "@var")]
    [InlineData("données", "données")]
    [InlineData("zero\u200Dwidth", "zero_width")]
    [InlineData("😀", "__")]
    [InlineData("", "__")]
    [InlineData(".", "__")]
    public void Sanitizes_names(string name, string expected) =>
        Assert.Equal(expected, ResourceIdentifiers.Sanitize(name));

    [Fact]
    public void Collisions_get_deterministic_numeric_suffixes_and_reserved_names_are_avoided()
    {
        var names = new[] { "A.txt", "A-txt", "A txt", "A_txt_2", "Crc64" };

        var identifiers = ResourceIdentifiers.Assign(names.OrderBy(n => n, System.StringComparer.Ordinal).ToList(), new[] { "Crc64" });

        Assert.Equal(new[] { "A_txt", "A_txt_2", "A_txt_3", "A_txt_2_2", "Crc64_2" }, identifiers);
        Assert.Equal(identifiers.Count, identifiers.Distinct().Count());
    }

    [Fact]
    public void Every_identifier_is_valid_and_unique_even_for_hostile_names()
    {
        var names = Enumerable.Range(0, 300)
            .Select(i => (i % 5) switch
            {
                0 => "x" + new string('.', i % 7),
                1 => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (i % 4),
                2 => "class" + new string(' ', i % 3),
                3 => new string('é', 200) + (i % 2),
                _ => "\t\n" + i,
            })
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();

        var identifiers = ResourceIdentifiers.Assign(names, new[] { "EmbeddedIntegrity" });

        Assert.Equal(names.Count, identifiers.Count);
        Assert.Equal(identifiers.Count, identifiers.Select(i => i.TrimStart('@')).Distinct().Count());
        Assert.All(identifiers, id =>
        {
            string bare = id.TrimStart('@');
            Assert.True(SyntaxFacts.IsValidIdentifier(bare), id);
            Assert.True(id.StartsWith('@') || SyntaxFacts.GetKeywordKind(bare) == SyntaxKind.None, id);
        });
    }
}
