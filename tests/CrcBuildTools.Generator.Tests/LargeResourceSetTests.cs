using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using CrcBuildTools.Generator.Tests.Support;
using CrcBuildTools.Hashing;
using CrcBuildTools.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CrcBuildTools.Generator.Tests;

/// <summary>
/// The generated code grows gently with the number of resources: one table entry each, and per-resource constants
/// only up to 256 resources unless asked for. 10,000 resources still verify, and tampering one is found.
/// </summary>
public sealed class LargeResourceSetTests
{
    private static (string Name, long Length, ulong Crc)[] Resources(int count) =>
        Enumerable.Range(0, count).Select(i => ($"App.Assets.folder{i / 100:D3}.resource-file-{i:D5}.txt", (long)i, (ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    [Theory]
    [InlineData(256, "auto", true)]
    [InlineData(257, "auto", false)]
    [InlineData(300, "true", true)]
    [InlineData(3, "false", false)]
    [InlineData(3, "", true)]
    public void Constants_are_written_up_to_256_resources_unless_the_property_says_otherwise(int count, string setting, bool expectConstants)
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(Resources(count)));
        harness.BuildProperties["build_property.EmbeddedIntegrityConstants"] = setting;

        var result = harness.Run("class C { }");

        string source = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(expectConstants, source.Contains("public static class Crc64", StringComparison.Ordinal));
        bool omittedByAuto = !expectConstants && setting is "auto" or "";
        Assert.Equal(omittedByAuto ? new[] { "CRC2008" } : Array.Empty<string>(), result.Diagnostics.Select(d => d.Id));
        if (omittedByAuto)
        {
            Assert.Equal(DiagnosticSeverity.Info, result.Diagnostics[0].Severity);
        }
    }

    [Fact]
    public void An_unknown_constants_setting_is_CRC2009()
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(Resources(2)));
        harness.BuildProperties["build_property.EmbeddedIntegrityConstants"] = "maybe";

        var result = harness.Run("class C { }");

        Assert.Equal("CRC2009", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void The_source_grows_by_one_short_table_entry_per_resource()
    {
        string Generate(int count) => new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(Resources(count))).Run().GeneratedSources.Single().SourceText.ToString();

        string small = Generate(5_000);
        string large = Generate(10_000);
        double perResource = (large.Length - small.Length) / 5_000.0;
        int nameLength = Resources(1)[0].Name.Length;

        // Name, separators, length and CRC digits: the issue measured ~590 bytes per resource before.
        Assert.True(perResource <= nameLength + 40, $"{perResource:F1} characters per resource for names of {nameLength}");
        Assert.True(large.Length < 1_000_000, $"{large.Length} characters for 10,000 resources");
    }

    [Fact]
    public void Ten_thousand_resources_compile_without_warnings_verify_and_a_tampered_one_is_named()
    {
        var contents = Enumerable.Range(0, 10_000).ToDictionary(i => $"App.r{i:D5}.bin", i => BitConverter.GetBytes(i * 2654435761L));
        var recorded = contents.Select(c => (c.Key, (long)c.Value.Length, Crc64Xz.Hash(c.Value))).ToArray();

        Type intact = CompileAndLoad(recorded, contents, out IReadOnlyList<Diagnostic> warnings);
        Assert.Empty(warnings);
        var all = (IReadOnlyList<EmbeddedResourceChecksum>)intact.GetProperty("Resources")!.GetValue(null)!;
        Assert.Equal(10_000, all.Count);
        intact.GetMethod("Verify", Type.EmptyTypes)!.Invoke(null, null);

        var tamperedContents = new Dictionary<string, byte[]>(contents) { ["App.r04242.bin"] = new byte[] { 1, 2, 3 } };
        Type tampered = CompileAndLoad(recorded, tamperedContents, out _);
        var error = Assert.IsType<EmbeddedResourceIntegrityException>(
            Assert.Throws<TargetInvocationException>(() => tampered.GetMethod("Verify", Type.EmptyTypes)!.Invoke(null, null)).InnerException);
        Assert.Equal("App.r04242.bin", Assert.Single(error.Failures).Name);
    }

    private static Type CompileAndLoad((string Name, long Length, ulong Crc)[] recorded, Dictionary<string, byte[]> contents, out IReadOnlyList<Diagnostic> warnings)
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(recorded));
        var source = harness.CreateCompilation("class Placeholder { }")
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        harness.CreateDriver().RunGeneratorsAndUpdateCompilation(source, out var compilation, out _);
        warnings = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        var resources = contents.Select(c => new ResourceDescription(c.Key, () => new MemoryStream(c.Value), isPublic: true)).ToList();

        using var image = new MemoryStream();
        var emit = compilation.Emit(image, manifestResources: resources);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics.Take(5)));

        var context = new AssemblyLoadContext("large-" + Guid.NewGuid(), isCollectible: true);
        image.Position = 0;
        return context.LoadFromStream(image).GetType("EmbeddedIntegrity", throwOnError: true)!;
    }
}
