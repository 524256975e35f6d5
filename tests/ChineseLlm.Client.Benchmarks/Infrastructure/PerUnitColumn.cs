using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// Derived per-unit figures: allocation per streamed event (allocated bytes ÷ the <c>Chunks</c> parameter) and calls
/// per second (1 s ÷ the mean time of one call).
/// </summary>
public sealed class PerUnitColumn : IColumn
{
    private readonly Kind _kind;

    private PerUnitColumn(Kind kind) => _kind = kind;

    private enum Kind
    {
        AllocationPerEvent,
        TimePerEvent,
        CallsPerSecond,
    }

    public static PerUnitColumn AllocationPerEvent { get; } = new(Kind.AllocationPerEvent);

    public static PerUnitColumn TimePerEvent { get; } = new(Kind.TimePerEvent);

    public static PerUnitColumn CallsPerSecond { get; } = new(Kind.CallsPerSecond);

    public string Id => nameof(PerUnitColumn) + "." + _kind;

    public string ColumnName => _kind switch
    {
        Kind.AllocationPerEvent => "Alloc/event",
        Kind.TimePerEvent => "Time/event",
        _ => "Calls/s",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 10 + (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _kind switch
    {
        Kind.AllocationPerEvent => "Allocated bytes per SSE chunk (Allocated / Chunks)",
        Kind.TimePerEvent => "Mean time per SSE chunk (Mean / Chunks)",
        _ => "Calls completed per second (1 s / Mean)",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        if (_kind == Kind.CallsPerSecond)
        {
            return (1e9 / statistics.Mean).ToString("N0", style.CultureInfo);
        }

        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Chunks")?.Value is not int chunks || chunks <= 0)
        {
            return "-";
        }

        return _kind == Kind.AllocationPerEvent
            ? (report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) / (double)chunks)?.ToString("N1", style.CultureInfo) + " B"
            : (statistics.Mean / chunks).ToString("N0", style.CultureInfo) + " ns";
    }

    public bool IsAvailable(Summary summary) => _kind == Kind.CallsPerSecond
        ? summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(ThroughputBenchmarks))
        : summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name == "Chunks"));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
