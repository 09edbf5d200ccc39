using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// For the receiving side, where one invocation moves a gigabyte or ten thousand requests through HTTP: one
/// invocation per iteration (so an <c>[IterationSetup]</c> can empty the destination outside the clock), a warm-up
/// and seven measured iterations. The Ratio column compares each benchmark with its class's baseline, same run.
/// </summary>
public sealed class ReceivingConfig : ManualConfig
{
    public ReceivingConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
        WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }
}
