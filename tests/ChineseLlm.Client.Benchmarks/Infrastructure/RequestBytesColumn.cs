using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// The request body size each client sent for <see cref="ChinesePromptBenchmarks"/> (counted by the stub during setup;
/// the run is in-process, so setup and the summary share this process), and that size ÷ the prompt's UTF-8 size.
/// </summary>
public sealed class RequestBytesColumn(bool ratio) : IColumn
{
    private static readonly ConcurrentDictionary<string, long> s_bytes = new(StringComparer.Ordinal);

    public string Id => nameof(RequestBytesColumn) + (ratio ? ".Ratio" : string.Empty);

    public string ColumnName => ratio ? "÷ prompt UTF-8" : "Request bytes";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => ratio ? 21 : 20;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ratio
        ? "Request body bytes ÷ the prompt's UTF-8 bytes (framing included)"
        : "Request body bytes the stub received for the 20,000-character Chinese prompt";

    /// <summary>Records what <paramref name="method"/> sent.</summary>
    public static void Record(string method, long bytes) => s_bytes[method] = bytes;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Type != typeof(ChinesePromptBenchmarks) || !s_bytes.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes))
        {
            return "-";
        }

        return ratio
            ? (bytes / (double)ChinesePromptBenchmarks.PromptUtf8Bytes).ToString("0.000", style.CultureInfo)
            : bytes.ToString("N0", style.CultureInfo);
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(ChinesePromptBenchmarks));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
