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

/// <summary>The generated code compiles cleanly against the runtime library, and works once loaded.</summary>
public sealed class GeneratedCodeCompilationTests
{
    [Theory]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public void Generated_code_compiles_without_warnings(LanguageVersion languageVersion)
    {
        var harness = new GeneratorHarness { LanguageVersion = languageVersion }
            .WithChecksums(GeneratorHarness.ChecksumText(GeneratedSourceSnapshotTests.OddNames));
        var compilation = harness.CreateCompilation("class Program { static void Use() { EmbeddedIntegrity.Verify(); } }")
            .WithOptions(new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: languageVersion >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                warningLevel: 9999));

        harness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Verify_passes_for_the_recorded_bytes_and_names_exactly_the_tampered_resource()
    {
        var contents = new Dictionary<string, byte[]>
        {
            ["App.logo.png"] = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray(),
            ["App.data.json"] = "{\"a\":1}"u8.ToArray(),
            ["Custom/Explicit Name.bin"] = new byte[] { 1, 2, 3 },
        };
        var recorded = contents.Select(c => (c.Key, (long)c.Value.Length, Crc64Xz.Hash(c.Value))).ToArray();

        // Build once with the true bytes, once with one byte of one resource changed after "recording".
        var intact = CompileAndLoad(recorded, contents);
        var tamperedContents = new Dictionary<string, byte[]>(contents) { ["App.data.json"] = "{\"a\":2}"u8.ToArray() };
        var tampered = CompileAndLoad(recorded, tamperedContents);

        Invoke(intact, "Verify");
        var ex = Assert.IsType<EmbeddedResourceIntegrityException>(Assert.Throws<TargetInvocationException>(() => Invoke(tampered, "Verify")).InnerException);
        var failure = Assert.Single(ex.Failures);
        Assert.Equal("App.data.json", failure.Name);
        Assert.False(failure.IsMissing);
        Assert.Equal(Crc64Xz.Hash("{\"a\":2}"u8), failure.ActualCrc64);
        Assert.Contains("App.data.json", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("App.logo.png", ex.Message, StringComparison.Ordinal);
    }

    private static Type CompileAndLoad((string Name, long Length, ulong Crc)[] recorded, Dictionary<string, byte[]> contents)
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(recorded));
        harness.CreateDriver().RunGeneratorsAndUpdateCompilation(harness.CreateCompilation("class Placeholder { }"), out var compilation, out _);
        var resources = contents.Select(c => new ResourceDescription(c.Key, () => new MemoryStream(c.Value), isPublic: true)).ToList();

        using var image = new MemoryStream();
        var emit = compilation.Emit(image, manifestResources: resources);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));

        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true);
        image.Position = 0;
        return context.LoadFromStream(image).GetType("EmbeddedIntegrity", throwOnError: true)!;
    }

    private static object? Invoke(Type type, string method) =>
        type.GetMethod(method, Type.EmptyTypes)!.Invoke(null, null);
}
