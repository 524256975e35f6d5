using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ChineseLlm.Client.Benchmarks.Infrastructure;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release -- --filter '*'</c> (any BenchmarkDotNet arguments). run-comparison.sh runs
/// the side-by-side comparison in minutes; <c>--open-streams 1000</c> measures memory per idle open stream;
/// <c>--allocations keyed</c> shows where a non-stream call's bytes go, by type; <c>--interleaved</c> times non-stream
/// calls with the clients taking turns.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--serve"])
        {
            await OpenStreamsProbe.ServeAsync();
            return;
        }

        if (args is ["--open-streams", var count])
        {
            await OpenStreamsProbe.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args is ["--interleaved", .. var sizes])
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            await InterleavedRounds.RunAsync(
                sizes is [var r, ..] ? int.Parse(r, inv) : 9,
                sizes is [_, var n, ..] ? int.Parse(n, inv) : 600,
                sizes is [_, _, var chunks] ? int.Parse(chunks, inv) : null);
            return;
        }

        if (args is ["--allocations", var client, .. var rest])
        {
            var loopback = rest is ["loopback", ..];
            rest = rest is ["loopback" or "memory", .. var calls] ? calls : rest;
            await AllocationProfile.RunAsync(client, loopback, rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 200_000);
            return;
        }

        var config = DefaultConfig.Instance
            .AddColumn(
                new RelativeColumn("vs SDK", nameof(ChatCompletionBenchmarks.OpenAiSdk), allocation: false),
                new RelativeColumn("Alloc vs SDK", nameof(ChatCompletionBenchmarks.OpenAiSdk), allocation: true),
                PerUnitColumn.TimePerEvent,
                PerUnitColumn.AllocationPerEvent,
                PerUnitColumn.CallsPerSecond,
                new RequestBytesColumn(ratio: false),
                new RequestBytesColumn(ratio: true))
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
