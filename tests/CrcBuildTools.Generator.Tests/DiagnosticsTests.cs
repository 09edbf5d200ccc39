using System.Linq;
using CrcBuildTools.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CrcBuildTools.Generator.Tests;

public sealed class DiagnosticsTests
{
    private const string Header = CrcBuildTools.EmbeddedResources.EmbeddedResourceChecksumText.Header + "\n";

    [Fact]
    public void Enabled_without_input_warns_CRC2001_and_generates_nothing()
    {
        var result = new GeneratorHarness().Run("class C { }");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CRC2001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Crc64EmbeddedIntegrity=false", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Build_logic_not_imported_warns_CRC2001()
    {
        var harness = new GeneratorHarness();
        harness.BuildProperties.Clear();

        Assert.Equal("CRC2001", Assert.Single(harness.Run().Diagnostics).Id);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public void Disabled_generates_nothing_and_reports_nothing(string value)
    {
        var harness = new GeneratorHarness().WithChecksums("garbage");
        harness.BuildProperties["build_property.Crc64EmbeddedIntegrity"] = value;

        var result = harness.Run("class C { }");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("12x\t1\tA.txt", "not an unsigned decimal")]
    [InlineData("-1\t1\tA.txt", "not an unsigned decimal")]
    [InlineData("18446744073709551616\t1\tA.txt", "not an unsigned decimal")]
    [InlineData("1\t-5\tA.txt", "not a non-negative decimal")]
    [InlineData("1\t5", "three tab-separated fields")]
    [InlineData("1\t5\tbad\\q", "invalid escape")]
    [InlineData("1\t5\t", "name is empty")]
    public void Malformed_line_reports_CRC2002_at_that_line(string line, string expectedText)
    {
        var result = new GeneratorHarness().WithChecksums(Header + "1\t1\tOk.txt\n" + line + "\n").Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CRC2002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(expectedText, diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(GeneratorHarness.ChecksumPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Duplicate_name_reports_CRC2003()
    {
        var result = new GeneratorHarness().WithChecksums(Header + "1\t1\tA.txt\n2\t2\tA.txt\n").Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CRC2003", diagnostic.Id);
        Assert.Contains("'A.txt'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Two_inputs_report_CRC2004()
    {
        var harness = new GeneratorHarness().WithChecksums(Header);
        harness.AdditionalFiles.Add(("/obj/other.txt", Header, true));

        Assert.Equal("CRC2004", Assert.Single(harness.Run().Diagnostics).Id);
    }

    [Fact]
    public void Unmarked_additional_files_are_ignored()
    {
        var harness = new GeneratorHarness().WithChecksums(Header + "1\t1\tA.txt\n");
        harness.AdditionalFiles.Add(("/src/notes.txt", "not ours", false));

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
    }

    [Theory]
    [InlineData("#crcbuildtools-embedded-resource-checksums v1\n")] // the previous format: from an older package
    [InlineData("#crcbuildtools-embedded-resource-checksums v3\n")]
    [InlineData("1\t1\tA.txt\n")]
    [InlineData("")]
    public void Unknown_format_reports_CRC2005(string text)
    {
        var result = new GeneratorHarness().WithChecksums(text).Run();

        Assert.Equal("CRC2005", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("My App")]
    [InlineData("class")]
    [InlineData("A..B")]
    [InlineData("1Up")]
    public void Invalid_namespace_reports_CRC2006(string ns)
    {
        var harness = new GeneratorHarness().WithChecksums(Header);
        harness.BuildProperties["build_property.EmbeddedIntegrityNamespace"] = ns;

        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        Assert.Equal("CRC2006", diagnostic.Id);
        Assert.Contains(ns, diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MyApp.Integrity")]
    [InlineData("@class.Ok")]
    [InlineData("Données")]
    public void Valid_namespace_is_used(string ns)
    {
        var harness = new GeneratorHarness().WithChecksums(Header);
        harness.BuildProperties["build_property.EmbeddedIntegrityNamespace"] = ns;

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Contains("namespace " + ns + "\n", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1\t1\tFolder\\\\logo.png", "'\\'")]
    [InlineData("1\t1\ttab\\tname", "U+0009")]
    [InlineData("1\t1\tesc\\u001bname", "U+001B")]
    public void A_hand_edited_name_the_compiler_would_change_is_CRC2007_and_nothing_is_generated(string line, string why)
    {
        var result = new GeneratorHarness().WithChecksums(Header + "1\t1\tOk.txt\n" + line + "\n").Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CRC2007", diagnostic.Id);
        Assert.Contains(why, diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // 0-based: header, Ok.txt, this line
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Every_descriptor_has_a_CRC2xxx_id_help_link_and_description()
    {
        var descriptors = typeof(EmbeddedIntegrityDiagnostics).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(9, descriptors.Count);
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^CRC20[0-9]{2}$", d.Id);
            Assert.Equal("https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/embedded-integrity.md#error-codes", d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        });
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
    }
}
