using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// Few iterations (the machine is small and shared; the goal is same-run ratios, not the last percent), throughput
/// and ratio columns, and a filter that drops benchmarks of code paths this CPU cannot run.
/// </summary>
public sealed class QuickConfig : ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.ShortRun
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(100)));
        AddColumn(StatisticColumn.Min, new ThroughputColumn(fastest: false), new ThroughputColumn(fastest: true), new RatioToMethodColumn("ReadBaseline", "x read"), new RatioToMethodColumn("BytewiseTable", "x bytewise"));
        AddFilter(new SupportedPathFilter());
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }
}
