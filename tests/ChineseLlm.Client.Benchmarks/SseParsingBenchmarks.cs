using System.Net.ServerSentEvents;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using ChineseLlm.Client.Benchmarks.Raw;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.OpenAiCompatible.Wire;
using ChineseLlm.Client.Providers.DeepSeek;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// SSE parsing per event, without HTTP: the DeepSeek stream of <see cref="EventsPerStream"/> chunks read from memory.
/// Every invocation reads <see cref="EventsPerInvocation"/> chunks in all (so many streams of the given length), so
/// Mean and Allocated are per event: when they do not change with <see cref="EventsPerStream"/>, the cost per event is
/// independent of the stream's length.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Sse")]
public class SseParsingBenchmarks
{
    /// <summary>The chunks read per invocation, whatever the stream length.</summary>
    public const int EventsPerInvocation = 3200;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(90);

    private MemoryStream _stream = null!;

    [Params(50, 400, 3200)]
    public int EventsPerStream { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _stream = new MemoryStream(DeepSeekPayloads.Stream(EventsPerStream), writable: false);
        var expected = EventsPerInvocation;
        Check.Equal(expected, await RawSseParser(), nameof(RawSseParser));
        Check.Equal(expected, await Reader(), nameof(Reader));
        Check.Equal(expected, await ChunkReader(), nameof(ChunkReader));
        Check.Equal(expected, await ReaderAndMapping(), nameof(ReaderAndMapping));
    }

    [GlobalCleanup]
    public void Cleanup() => _stream.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation, Description = "SseParser + STJ (raw)")]
    public async Task<int> RawSseParser()
    {
        var events = 0;
        for (var s = 0; s < EventsPerInvocation / EventsPerStream; s++)
        {
            _stream.Position = 0;
            var parser = SseParser.Create(_stream, static (_, data) =>
                data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, RawJsonContext.Default.RawChatResponse));
            await foreach (var item in parser.EnumerateAsync())
            {
                if (item.Data is null)
                {
                    break;
                }

                events++;
            }
        }

        return events;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "ServerSentEventReader + STJ")]
    public async Task<int> Reader()
    {
        var events = 0;
        for (var s = 0; s < EventsPerInvocation / EventsPerStream; s++)
        {
            _stream.Position = 0;
            await foreach (var item in ServerSentEventReader.ReadAsync(
                _stream, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk, "deepseek", IdleTimeout, TimeProvider.System, CancellationToken.None))
            {
                if (item.IsDone)
                {
                    break;
                }

                events++;
            }
        }

        return events;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "ServerSentEventReader + ChatCompletionReader")]
    public async Task<int> ChunkReader()
    {
        var events = 0;
        for (var s = 0; s < EventsPerInvocation / EventsPerStream; s++)
        {
            _stream.Position = 0;
            await foreach (var item in ServerSentEventReader.ReadAsync(
                _stream, new ChatCompletionReader().ReadChunk, "deepseek", IdleTimeout, TimeProvider.System, CancellationToken.None))
            {
                if (item.IsDone)
                {
                    break;
                }

                events++;
            }
        }

        return events;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "ChunkReader + update mapping (the engine's path)")]
    public async Task<int> ReaderAndMapping()
    {
        var events = 0;
        for (var s = 0; s < EventsPerInvocation / EventsPerStream; s++)
        {
            _stream.Position = 0;
            var state = new OpenAiCompatibleProtocol.StreamState(requestId: null);
            await foreach (var item in ServerSentEventReader.ReadAsync(
                _stream, new ChatCompletionReader().ReadChunk, "deepseek", IdleTimeout, TimeProvider.System, CancellationToken.None))
            {
                if (item.IsDone)
                {
                    break;
                }

                _ = OpenAiCompatibleProtocol.FromWireChunk(DeepSeekDialect.Instance, item.Data!, state);
                events++;
            }

            _ = OpenAiCompatibleProtocol.CompleteStream(DeepSeekDialect.Instance, state);
        }

        return events;
    }
}
