using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// Time per call with the clients interleaved: <c>--interleaved [rounds] [calls] [chunks]</c> runs every client
/// <c>calls</c> times in turn (non-stream calls, or streams of <c>chunks</c> chunks read to the end), in a rotated
/// order, for <c>rounds</c> rounds against one in-process loopback stub, and prints each client's median per-call
/// time and its median ratio to raw and to the SDK taken within each round.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one case after another, so on a shared two-core VM a slow minute lands on whichever case
/// is running then: in one run the bare client and the keyed one differed by 35 % although they do the same work. A
/// ratio taken within a round, where every client met the same minute, does not move with that; the median over the
/// rounds drops the rounds a burst of other work spoiled. This supplements the BenchmarkDotNet table (which also
/// gives the allocations); it is the same measurement the issue's figures came from (600 calls x 5 rounds). The cases
/// are the <c>[Benchmark]</c> methods of <see cref="ChatCompletionBenchmarks"/> or <see cref="StreamingBenchmarks"/>
/// themselves, after their own setup and its answer checks.
/// </remarks>
public static class InterleavedRounds
{
    public static async Task RunAsync(int rounds, int calls, int? streamChunks)
    {
        if (streamChunks is { } chunks)
        {
            var streaming = new StreamingBenchmarks { Chunks = chunks };
            await streaming.SetupAsync();
            try
            {
                await RunAsync(rounds, calls, $"{chunks}-chunk streams", Cases(streaming));
            }
            finally
            {
                await streaming.CleanupAsync();
            }

            return;
        }

        var chat = new ChatCompletionBenchmarks();
        await chat.SetupAsync();
        try
        {
            await RunAsync(rounds, calls, "non-stream calls", Cases(chat));
        }
        finally
        {
            await chat.CleanupAsync();
        }
    }

    /// <summary>The benchmark methods of <paramref name="benchmarks"/>, each with its description.</summary>
    private static (string Name, Func<Task<int>> Call)[] Cases(object benchmarks) =>
        [.. benchmarks.GetType().GetMethods()
            .Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .Select(method => (
                method.GetCustomAttribute<BenchmarkAttribute>()!.Description ?? method.Name,
                method.CreateDelegate<Func<Task<int>>>(benchmarks)))];

    private static async Task RunAsync(int rounds, int calls, string what, (string Name, Func<Task<int>> Call)[] cases)
    {
        // Warm-up until the JIT has tiered every client's path (the SDK's takes longest).
        foreach (var (_, call) in cases)
        {
            for (var i = 0; i < 20 * calls; i++)
            {
                await call();
            }
        }

        var raw = Array.FindIndex(cases, c => c.Name.StartsWith("Raw", StringComparison.Ordinal));
        var sdk = Array.FindIndex(cases, c => c.Name.StartsWith("OpenAI SDK", StringComparison.Ordinal));
        if (raw < 0 || sdk < 0)
        {
            throw new InvalidOperationException("the benchmarks have no raw or no SDK case to compare with.");
        }

        var perCall = new double[cases.Length, rounds];
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = (k + round) % cases.Length;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < calls; i++)
                {
                    await cases[c].Call();
                }

                perCall[c, round] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"Interleaved {what}: {rounds} rounds x {calls} calls per client, rotated order; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine();
        Console.WriteLine("| Client | Median per call | Median ratio to raw (within a round) | Median ratio to the SDK (within a round) |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var c = 0; c < cases.Length; c++)
        {
            var own = Enumerable.Range(0, rounds).Select(r => perCall[c, r]);
            var toRaw = Enumerable.Range(0, rounds).Select(r => perCall[c, r] / perCall[raw, r]);
            var toSdk = Enumerable.Range(0, rounds).Select(r => perCall[c, r] / perCall[sdk, r]);
            Console.WriteLine(string.Create(inv, $"| {cases[c].Name} | {Median(own):F1} µs | {Median(toRaw):F2} | {Median(toSdk):F2} |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
