using BenchmarkDotNet.Attributes;
using System.Text.Json;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using ChineseLlm.Client.Benchmarks.Raw;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// One non-stream chat call against the loopback stub, side by side: the raw HttpClient floor, the official OpenAI
/// SDK pointed at the stub as an OpenAI-compatible endpoint, Microsoft.Extensions.AI's OpenAI adapter over it, and our <see cref="DeepSeekChatClient"/> (over the
/// same handler, with its own resilience pipeline, and as the keyed client <c>AddChineseLlm</c> registers). Each returns the answer's length so no work is elided.
/// Two floors beside them do no client work at all: the same HttpClient sending bytes serialized once and draining
/// the answer unparsed, and one socket writing the whole request as bytes. They are the share of every call that
/// belongs to the transport and the stub, which no client can go under.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "Chat")]
public class ChatCompletionBenchmarks
{
    private ComparedClients _clients = null!;
    private CannedHttpClient _cannedHttp = null!;
    private CannedSocketClient _cannedSocket = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clients = await ComparedClients.StartAsync();
        var expected = await RawHttpClient();
        Check.Equal(expected, await OpenAiSdk(), nameof(OpenAiSdk));
        Check.Equal(expected, await MeaiOpenAi(), nameof(MeaiOpenAi));
        Check.Equal(expected, await ChineseLlm(), nameof(ChineseLlm));
        Check.Equal(expected, await ChineseLlmWithResilience(), nameof(ChineseLlmWithResilience));
        Check.Equal(expected, await ChineseLlmKeyed(), nameof(ChineseLlmKeyed));

        var body = JsonSerializer.SerializeToUtf8Bytes(_clients.RawRequest, RawJsonContext.Default.RawChatRequest);
        _cannedHttp = new CannedHttpClient(_clients.HttpClient, _clients.StubAddress!, ComparedClients.ApiKey, body);
        _cannedSocket = await CannedSocketClient.ConnectAsync(_clients.StubAddress!, ComparedClients.ApiKey, body);
        Check.Equal(DeepSeekPayloads.Completion.Length, await FloorHttpClient(), nameof(FloorHttpClient));
        Check.Equal(DeepSeekPayloads.Completion.Length, await FloorSocket(), nameof(FloorSocket));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _cannedSocket.Dispose();
        await _clients.DisposeAsync();
    }

    [Benchmark(Description = "Floor: HttpClient, canned bytes, no JSON")]
    public Task<int> FloorHttpClient() => _cannedHttp.SendAsync();

    [Benchmark(Description = "Floor: one socket, canned HTTP/1.1")]
    public Task<int> FloorSocket() => _cannedSocket.SendAsync();

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

    [Benchmark(Description = "DeepSeek keyed client (AddChineseLlm)")]
    public async Task<int> ChineseLlmKeyed()
    {
        var response = await _clients.Keyed.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }
}
