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
    public Task<int> Reader() => ReadStreamsAsync(static () => SerializerParser.Instance, mapping: false);

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "ServerSentEventReader + ChatCompletionReader")]
    public Task<int> ChunkReader() => ReadStreamsAsync(static () => new ChatCompletionReader(), mapping: false);

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "ChunkReader + update mapping (the engine's path)")]
    public Task<int> ReaderAndMapping() => ReadStreamsAsync(static () => new ChatCompletionReader(), mapping: true);

    /// <summary>Reads the streams as the driver's loop does: its call's idle limit restarted on every event, events without data skipped, <c>[DONE]</c> ends.</summary>
    private async Task<int> ReadStreamsAsync(Func<SseDataParser<ChatCompletionChunk>> createParser, bool mapping)
    {
        var events = 0;
        for (var s = 0; s < EventsPerInvocation / EventsPerStream; s++)
        {
            _stream.Position = 0;
            using var call = new ProviderCall("deepseek", TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            var state = mapping ? new OpenAiCompatibleProtocol.StreamState(requestId: null) : null;
            var reader = ServerSentEventReader.Open(_stream, createParser(), "deepseek", long.MaxValue, call.Token);
            call.StartIdleLimit(IdleTimeout);
            try
            {
                while (await reader.MoveNextAsync())
                {
                    call.OnProgress();
                    var item = reader.Current.Data;
                    if (item.IsDone)
                    {
                        break;
                    }

                    if (item.Data is null)
                    {
                        continue;
                    }

                    if (state is not null)
                    {
                        _ = OpenAiCompatibleProtocol.FromWireChunk(DeepSeekDialect.Instance, item.Data, state);
                    }

                    events++;
                }
            }
            finally
            {
                await reader.DisposeAsync();
            }

            if (state is not null)
            {
                _ = OpenAiCompatibleProtocol.CompleteStream(DeepSeekDialect.Instance, state);
            }
        }

        return events;
    }

    /// <summary>The source-generated serializer as a stream's parser.</summary>
    private sealed class SerializerParser : SseDataParser<ChatCompletionChunk>
    {
        public static readonly SerializerParser Instance = new();

        public override ChatCompletionChunk? Parse(ReadOnlySpan<byte> data) =>
            JsonSerializer.Deserialize(data, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk);
    }
}
