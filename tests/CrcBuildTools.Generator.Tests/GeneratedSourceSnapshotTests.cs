using System.Linq;
using CrcBuildTools.Generator.Tests.Support;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CrcBuildTools.Generator.Tests;

public sealed class GeneratedSourceSnapshotTests
{
    internal static readonly (string Name, long Length, ulong Crc)[] OddNames =
    {
        ("App.Images.logo.png", 2560, 17382007002312393956),
        ("App.Strings.Messages.resources", 210, 14006356805967956870),
        ("App.my file-name 2.txt", 4, 1),
        ("App.my_file_name_2.txt", 5, 2),
        ("App.données.json", 8, 3),
        ("1st.bin", 1, 4),
        ("class", 0, 0),
        ("Crc64", 3, 5),
        ("a{b}'apostrophe'/slash;semi,comma.txt", 6, ulong.MaxValue),
        ("line\u2028para\u2029next\u0085line.txt", 10, 8),
        ("del\u007Fc1\u009Bbidi\u202Eend.txt", 11, 9),
        ("zero\u200Dwidth", 7, 6),
        ("emoji 😀.png", 9, 7),
        ("Custom/Explicit Name.bin", 2, 12739172839594215991),
    };

    [Fact]
    public void Odd_resource_names_in_the_global_namespace()
    {
        var result = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(OddNames)).Run("class C { }");

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(Scrub(result.GeneratedSources.Single().SourceText.ToString()), "OddNames");
    }

    [Fact]
    public void No_resources_with_a_namespace()
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText());
        harness.BuildProperties["build_property.EmbeddedIntegrityNamespace"] = "MyApp.Integrity";

        var result = harness.Run("class C { }");

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(Scrub(result.GeneratedSources.Single().SourceText.ToString()), "EmptyWithNamespace");
    }

    [Fact]
    public void CSharp_7_3_gets_no_nullable_annotations()
    {
        var harness = new GeneratorHarness { LanguageVersion = LanguageVersion.CSharp7_3 }
            .WithChecksums(GeneratorHarness.ChecksumText(("App.data.json", 8, 42)));

        var result = harness.Run("class C { }");

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(Scrub(result.GeneratedSources.Single().SourceText.ToString()), "CSharp7_3");
    }

    [Fact]
    public void Output_does_not_depend_on_line_order()
    {
        string forward = GeneratorHarness.ChecksumText(OddNames);
        string backward = GeneratorHarness.ChecksumText(OddNames.Reverse().ToArray());

        string a = new GeneratorHarness().WithChecksums(forward).Run().GeneratedSources.Single().SourceText.ToString();
        string b = new GeneratorHarness().WithChecksums(backward).Run().GeneratedSources.Single().SourceText.ToString();

        Assert.Equal(a, b);
    }

    /// <summary>The generator version changes with every release; snapshots should not.</summary>
    internal static string Scrub(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, "GeneratedCode\\(\"CrcBuildTools.Generator\", \"[^\"]*\"\\)", "GeneratedCode(\"CrcBuildTools.Generator\", \"{version}\")");
}
