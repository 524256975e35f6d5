using System.Text;
using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.OpenAiCompatible.Wire;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Http;

public sealed class ServerSentEventReaderTests
{
    private static async Task<List<SseEvent<ChatCompletionChunk>>> ReadAll(string transcript, TimeSpan? idle = null, CancellationToken ct = default)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(transcript));
        var events = new List<SseEvent<ChatCompletionChunk>>();
        await foreach (var e in ServerSentEventReader.ReadAsync(
            stream, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk, "test", idle ?? Timeout.InfiniteTimeSpan, TimeProvider.System, ct))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task ReadAsync_CommentsAndBlankLines_AreSkipped()
    {
        var events = await ReadAll(": keep-alive\n\n: keep-alive\n\n\n\ndata: {\"id\":\"a\"}\n\ndata: [DONE]\n\n");

        Assert.Equal(2, events.Count);
        Assert.Equal("a", events[0].Data!.Id);
        Assert.True(events[1].IsDone);
    }

    [Fact]
    public async Task ReadAsync_Done_StopsEvenWhenMoreEventsFollow()
    {
        var events = await ReadAll("data: {\"id\":\"a\"}\n\ndata: [DONE]\n\ndata: {\"id\":\"b\"}\n\n");

        Assert.Equal(["a"], events.Where(e => !e.IsDone).Select(e => e.Data!.Id));
    }

    [Fact]
    public async Task ReadAsync_EndOfStreamWithoutDone_EndsCleanly()
    {
        var events = await ReadAll("data: {\"id\":\"a\"}\n\ndata: {\"id\":\"b\"}\n\n");

        Assert.Equal(["a", "b"], events.Select(e => e.Data!.Id));
    }

    [Fact]
    public async Task ReadAsync_EventWithEmptyData_IsSkippedNotTheEnd()
    {
        var events = await ReadAll("data: \n\ndata: {\"id\":\"a\"}\n\n");

        Assert.Equal("a", Assert.Single(events).Data!.Id);
    }

    [Fact]
    public async Task ReadAsync_EventType_IsReported()
    {
        var events = await ReadAll("event: error\ndata: {\"id\":\"x\"}\n\n");

        Assert.Equal("error", Assert.Single(events).EventType);
    }

    [Fact]
    public async Task ReadAsync_StreamStallsPastIdleTimeout_ThrowsTimeout()
    {
        var time = new FakeTimeProvider();
        using var pipe = new BlockingStream("data: {\"id\":\"a\"}\n\n");
        var events = ServerSentEventReader.ReadAsync(
            pipe, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk, "deepseek", TimeSpan.FromSeconds(30), time, CancellationToken.None);
        var enumerator = events.GetAsyncEnumerator();

        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(31));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => next);
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.Equal("deepseek", ex.Provider);
        await enumerator.DisposeAsync();
    }

    /// <summary>Serves its bytes, then blocks (like a stalled connection) until cancelled.</summary>
    private sealed class BlockingStream(string initial) : Stream
    {
        private readonly MemoryStream _initial = new(Encoding.UTF8.GetBytes(initial));

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = _initial.Read(buffer.Span);
            if (n > 0)
            {
                return n;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
