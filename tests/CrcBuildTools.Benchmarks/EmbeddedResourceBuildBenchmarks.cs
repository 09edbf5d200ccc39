using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// What the package costs a clean build of a project with 10,000 small embedded resources: the same project with and
/// without the CrcBuildTools PackageReference, each built from a deleted bin/ and obj/ (restore included). Target:
/// under 10% over the baseline. BenchmarkDotNet runs all iterations of one method, then of the other, so on a machine
/// whose load changes between them prefer <c>-- resource-build</c> (<see cref="ResourceBuildComparison"/>), which
/// alternates the two builds and reports per-pair ratios.
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- --filter '*EmbeddedResourceBuild*'</c>
/// (<c>CRC_BENCH_RESOURCES</c> changes the count).
/// </summary>
[Config(typeof(Config))]
public class EmbeddedResourceBuildBenchmarks
{
    private ResourceBuildWorkspace _workspace = null!;

    [GlobalSetup]
    public void PackAndWriteProjects() => _workspace = ResourceBuildWorkspace.Create(ResourceBuildWorkspace.DefaultResourceCount);

    [Benchmark(Baseline = true, Description = "clean build without the package")]
    public void WithoutPackage() => _workspace.BuildClean(_workspace.WithoutPackage);

    [Benchmark(Description = "clean build with the package")]
    public void WithPackage() => _workspace.BuildClean(_workspace.WithPackage);

    /// <summary>One launch; each iteration is one clean build of ~10 s, so few iterations and no unrolling.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Min, BenchmarkDotNet.Columns.StatisticColumn.Median);
            WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        }
    }
}
