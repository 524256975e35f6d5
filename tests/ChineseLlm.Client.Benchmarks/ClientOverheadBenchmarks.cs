using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// The clients' own work per call, without sockets or a server: the same three clients and the same DeepSeek bytes,
/// answered by an in-memory <see cref="CannedHandler"/>. Over loopback the HTTP exchange and Kestrel dominate the time
/// (and are the same for every client); here only building, serializing, parsing and mapping remain.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "Overhead")]
public class ClientOverheadBenchmarks
{
    private ComparedClients _chat = null!;
    private ComparedClients _stream = null!;

    /// <summary>The non-stream call or the 400-chunk stream.</summary>
    [Params("chat", "stream-400")]
    public string Call { get; set; } = "chat";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _chat = ComparedClients.InMemory();
        _stream = ComparedClients.InMemory(400);
        var expected = await RawHttpClient();
        Check.Equal(expected, await OpenAiSdk(), nameof(OpenAiSdk));
        Check.Equal(expected, await ChineseLlm(), nameof(ChineseLlm));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _chat.DisposeAsync();
        await _stream.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ")]
    public async Task<int> RawHttpClient()
    {
        if (Call == "chat")
        {
            return (await _chat.Raw.CompleteAsync(_chat.RawRequest)).Choices![0].Message!.Content!.Length;
        }

        var length = 0;
        await foreach (var chunk in _stream.Raw.StreamAsync(_stream.RawStreamRequest))
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
        if (Call == "chat")
        {
            return (await _chat.Sdk.CompleteChatAsync(_chat.SdkMessages)).Value.Content[0].Text.Length;
        }

        var length = 0;
        await foreach (var update in _stream.Sdk.CompleteChatStreamingAsync(_stream.SdkMessages))
        {
            var parts = update.ContentUpdate;
            for (var i = 0; i < parts.Count; i++)
            {
                length += parts[i].Text.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "DeepSeekChatClient")]
    public async Task<int> ChineseLlm()
    {
        if (Call == "chat")
        {
            return (await _chat.Ours.GetResponseAsync(_chat.Messages)).Text.Length;
        }

        var length = 0;
        await foreach (var update in _stream.Ours.GetStreamingResponseAsync(_stream.Messages))
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
