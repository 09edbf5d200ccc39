using System;
using System.Linq;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// GB/s (10^9 bytes per second) from the benchmark's <c>Size</c> parameter and either the mean or the fastest
/// iteration. On a shared machine other processes inflate the mean; the fastest iteration shows what the code does
/// when it has a core to itself, so both are reported.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly bool _fastest;

    public ThroughputColumn(bool fastest)
    {
        _fastest = fastest;
    }

    public string Id => nameof(ThroughputColumn) + (_fastest ? ".Min" : ".Mean");

    public string ColumnName => _fastest ? "GB/s (min)" : "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _fastest ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _fastest ? "Bytes per second in 10^9, from the fastest iteration" : "Bytes per second in 10^9, from the mean time";

    public static double? GigabytesPerSecond(Summary summary, BenchmarkCase benchmarkCase, bool fastest)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        object? size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Size")?.Value;
        if (report?.ResultStatistics is null || size is null)
        {
            return null;
        }

        double bytes = Convert.ToDouble(size, CultureInfo.InvariantCulture);
        return bytes / (fastest ? report.ResultStatistics.Min : report.ResultStatistics.Mean); // bytes per ns == GB/s
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GigabytesPerSecond(summary, benchmarkCase, _fastest)?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
