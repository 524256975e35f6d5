using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// One streamed chat call of <see cref="Chunks"/> SSE chunks (DeepSeek's format, keep-alive comments first, usage on
/// the finish chunk, then <c>[DONE]</c>), read to the end by each client side by side. Each returns the total length
/// of the streamed text, checked against the stub's in setup.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "Stream")]
public class StreamingBenchmarks
{
    private ComparedClients _clients = null!;

    [Params(400, 4000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clients = await ComparedClients.StartAsync(Chunks);
        var expected = DeepSeekPayloads.StreamTextLength(Chunks);
        Check.Equal(expected, await RawHttpClient(), nameof(RawHttpClient));
        Check.Equal(expected, await OpenAiSdk(), nameof(OpenAiSdk));
        Check.Equal(expected, await MeaiOpenAi(), nameof(MeaiOpenAi));
        Check.Equal(expected, await ChineseLlm(), nameof(ChineseLlm));
        Check.Equal(expected, await ChineseLlmWithResilience(), nameof(ChineseLlmWithResilience));
        Check.Equal(expected, await ChineseLlmKeyed(), nameof(ChineseLlmKeyed));
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _clients.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + SseParser + STJ")]
    public async Task<int> RawHttpClient()
    {
        var length = 0;
        await foreach (var chunk in _clients.Raw.StreamAsync(_clients.RawStreamRequest))
        {
            if (chunk.Choices is [{ Delta.Content: { } text }, ..])
            {
                length += text.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "OpenAI SDK 2.15")]
    public async Task<int> OpenAiSdk()
    {
        var length = 0;
        await foreach (var update in _clients.Sdk.CompleteChatStreamingAsync(_clients.SdkMessages))
        {
            var parts = update.ContentUpdate;
            for (var i = 0; i < parts.Count; i++)
            {
                length += parts[i].Text.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "M.E.AI OpenAI adapter over the SDK")]
    public Task<int> MeaiOpenAi() => ReadAsync(_clients.MeaiOverSdk);

    [Benchmark(Description = "DeepSeekChatClient")]
    public Task<int> ChineseLlm() => ReadAsync(_clients.Ours);

    [Benchmark(Description = "DeepSeekChatClient + resilience")]
    public Task<int> ChineseLlmWithResilience() => ReadAsync(_clients.OursWithResilience);

    [Benchmark(Description = "DeepSeek keyed client (AddChineseLlm)")]
    public Task<int> ChineseLlmKeyed() => ReadAsync(_clients.Keyed);

    private async Task<int> ReadAsync(IChatClient client)
    {
        var length = 0;
        await foreach (var update in client.GetStreamingResponseAsync(_clients.Messages))
        {
            var contents = update.Contents;
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is TextContent text)
                {
                    length += text.Text.Length;
                }
            }
        }

        return length;
    }
}
