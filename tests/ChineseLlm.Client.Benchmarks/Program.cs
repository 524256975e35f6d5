using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ChineseLlm.Client.Benchmarks.Infrastructure;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release -- --filter '*'</c> (any BenchmarkDotNet arguments). run-comparison.sh runs
/// the side-by-side comparison in under three minutes.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(
                new RelativeColumn("vs SDK", nameof(ChatCompletionBenchmarks.OpenAiSdk), allocation: false),
                new RelativeColumn("Alloc vs SDK", nameof(ChatCompletionBenchmarks.OpenAiSdk), allocation: true),
                PerUnitColumn.TimePerEvent,
                PerUnitColumn.AllocationPerEvent,
                PerUnitColumn.CallsPerSecond)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
