using System.Linq;
using CrcBuildTools.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CrcBuildTools.Generator.Tests;

/// <summary>Editing unrelated code must not redo any work: every tracked step and the output stay cached.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Settings, TrackingNames.ChecksumFiles, TrackingNames.ParsedChecksumFiles, TrackingNames.Model,
    };

    [Fact]
    public void Editing_an_unrelated_cs_file_leaves_every_step_and_the_output_cached()
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(GeneratedSourceSnapshotTests.OddNames));
        var compilation = harness.CreateCompilation("class A { }", "class B { }");
        var driver = harness.CreateDriver().RunGenerators(compilation);
        var firstSource = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("class A { void Added() { } }", harness.ParseOptions, path: compilation.SyntaxTrees.First().FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        var outputReasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(outputReasons);
        Assert.All(outputReasons, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(firstSource, result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Changing_a_recorded_checksum_regenerates_the_output()
    {
        var harness = new GeneratorHarness().WithChecksums(GeneratorHarness.ChecksumText(("A.txt", 1, 1)));
        var compilation = harness.CreateCompilation("class A { }");
        var driver = harness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        driver = driver.ReplaceAdditionalText(
            harness.CreatedTexts.Single(),
            new GeneratorHarness.InMemoryAdditionalText(GeneratorHarness.ChecksumPath, GeneratorHarness.ChecksumText(("A.txt", 1, 2))));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Contains("A_txt = 1UL;", first.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("A_txt = 2UL;", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }
}
