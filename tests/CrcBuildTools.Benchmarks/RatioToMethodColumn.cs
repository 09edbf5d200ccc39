using System;
using System.Linq;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// Speed relative to another method of the same class with the same parameters, measured in the same run
/// (BenchmarkDotNet's own Ratio column allows only one baseline; the design asks for two: read and bytewise table).
/// Compares the fastest iterations, which are the least disturbed by other processes on a shared machine.
/// </summary>
public sealed class RatioToMethodColumn : IColumn
{
    private readonly string _method;

    public RatioToMethodColumn(string method, string columnName)
    {
        _method = method;
        ColumnName = columnName;
    }

    public string Id => nameof(RatioToMethodColumn) + "." + _method;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Speed relative to {_method} with the same parameters, fastest iterations (>1 is faster)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkCase? reference = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
            c.Descriptor.WorkloadMethod.Name == _method &&
            c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        double? own = summary[benchmarkCase]?.ResultStatistics?.Min;
        double? theirs = reference is null ? null : summary[reference]?.ResultStatistics?.Min;
        return own is > 0 && theirs is > 0 ? (theirs.Value / own.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.WorkloadMethod.Name == _method);
}
