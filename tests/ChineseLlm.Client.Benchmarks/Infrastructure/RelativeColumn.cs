using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// A case's mean time or allocation divided by that of another method of the same class with the same parameters:
/// "vs SDK" shows how our client compares with the OpenAI SDK, next to BenchmarkDotNet's own ratio to the raw floor.
/// </summary>
public sealed class RelativeColumn(string columnName, string referenceMethod, bool allocation) : IColumn
{
    public string Id => nameof(RelativeColumn) + "." + columnName;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{(allocation ? "Allocated bytes" : "Mean time")} relative to {referenceMethod} with the same parameters";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var reference = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.Type == benchmarkCase.Descriptor.Type &&
            other.Descriptor.WorkloadMethod.Name == referenceMethod &&
            other.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo);
        if (reference is null)
        {
            return "-";
        }

        var value = Metric(summary, benchmarkCase);
        var baseline = Metric(summary, reference);
        return value is { } v && baseline is > 0 ? (v / baseline.Value).ToString("0.00", style.CultureInfo) : "?";
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.WorkloadMethod.Name == referenceMethod);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    private double? Metric(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report is null)
        {
            return null;
        }

        return allocation
            ? report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase)
            : report.ResultStatistics?.Mean;
    }
}
