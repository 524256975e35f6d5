using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// One non-stream chat call against the loopback stub, side by side: the raw HttpClient floor, the official OpenAI
/// SDK pointed at the stub as an OpenAI-compatible endpoint, Microsoft.Extensions.AI's OpenAI adapter over it, and our <see cref="DeepSeekChatClient"/> (over the
/// same handler, and with its own resilience pipeline). Each returns the answer's length so no work is elided.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "Chat")]
public class ChatCompletionBenchmarks
{
    private ComparedClients _clients = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clients = await ComparedClients.StartAsync();
        var expected = await RawHttpClient();
        Check.Equal(expected, await OpenAiSdk(), nameof(OpenAiSdk));
        Check.Equal(expected, await MeaiOpenAi(), nameof(MeaiOpenAi));
        Check.Equal(expected, await ChineseLlm(), nameof(ChineseLlm));
        Check.Equal(expected, await ChineseLlmWithResilience(), nameof(ChineseLlmWithResilience));
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _clients.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ")]
    public async Task<int> RawHttpClient()
    {
        var completion = await _clients.Raw.CompleteAsync(_clients.RawRequest);
        return completion.Choices![0].Message!.Content!.Length;
    }

    [Benchmark(Description = "OpenAI SDK 2.15")]
    public async Task<int> OpenAiSdk()
    {
        var completion = await _clients.Sdk.CompleteChatAsync(_clients.SdkMessages);
        return completion.Value.Content[0].Text.Length;
    }

    [Benchmark(Description = "M.E.AI OpenAI adapter over the SDK")]
    public async Task<int> MeaiOpenAi()
    {
        var response = await _clients.MeaiOverSdk.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }

    [Benchmark(Description = "DeepSeekChatClient")]
    public async Task<int> ChineseLlm()
    {
        var response = await _clients.Ours.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }

    [Benchmark(Description = "DeepSeekChatClient + resilience")]
    public async Task<int> ChineseLlmWithResilience()
    {
        var response = await _clients.OursWithResilience.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }
}
