using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// Throughput of non-stream calls with 1, 16 and 256 concurrent callers: each invocation makes
/// <see cref="CallsPerInvocation"/> calls spread over <see cref="Callers"/> tasks, so the reported mean is per call
/// and calls per second is 1 / mean (the <c>Calls/s</c> column).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "Throughput")]
public class ThroughputBenchmarks
{
    /// <summary>The calls made per invocation, whatever the concurrency.</summary>
    public const int CallsPerInvocation = 256;

    private ComparedClients _clients = null!;

    [Params(1, 16, 256)]
    public int Callers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync() => _clients = await ComparedClients.StartAsync();

    [GlobalCleanup]
    public Task CleanupAsync() => _clients.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation, Description = "Raw HttpClient + STJ")]
    public Task RawHttpClient() => RunAsync(static async clients =>
        (await clients.Raw.CompleteAsync(clients.RawRequest)).Choices![0].Message!.Content!.Length);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "OpenAI SDK 2.15")]
    public Task OpenAiSdk() => RunAsync(static async clients =>
        (await clients.Sdk.CompleteChatAsync(clients.SdkMessages)).Value.Content[0].Text.Length);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation, Description = "DeepSeekChatClient")]
    public Task ChineseLlm() => RunAsync(static async clients =>
        (await clients.Ours.GetResponseAsync(clients.Messages)).Text.Length);

    private async Task RunAsync(Func<ComparedClients, Task<int>> call)
    {
        var callsEach = CallsPerInvocation / Callers;
        var workers = new Task[Callers];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                for (var n = 0; n < callsEach; n++)
                {
                    await call(_clients);
                }
            });
        }

        await Task.WhenAll(workers);
    }
}
