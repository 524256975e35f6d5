using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Http;

/// <summary>
/// How the driver reads an SSE stream (<see cref="ServerSentEventReader"/> and its loop), through a DeepSeek client
/// whose handler answers with the transcript: comments, blank lines and events without data are skipped,
/// <c>[DONE]</c> ends the stream, and a stream that stops sending events fails as a stall.
/// </summary>
public sealed class ServerSentEventReaderTests
{
    private const string Chunk = "{\"id\":\"e1\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%\"},\"finish_reason\":null}]}";
    private const string Stop = "{\"id\":\"e1\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    private static string Data(string text) => "data: " + Chunk.Replace("%", text, StringComparison.Ordinal) + "\n\n";

    private static DeepSeekChatClient Client(Stream body, TimeProvider? time = null, TimeSpan? idle = null)
    {
        var handler = new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } },
        });
        var options = new DeepSeekOptions { ApiKey = "sk-test", StreamIdleTimeout = idle ?? TimeSpan.FromSeconds(30) };
        return new DeepSeekChatClient(options, new HttpClient(handler), TestServices.Of(time));
    }

    private static async Task<string> ReadText(string transcript)
    {
        using var client = Client(new MemoryStream(Encoding.UTF8.GetBytes(transcript)));
        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    [Fact]
    public async Task Stream_CommentsAndBlankLines_AreSkipped()
    {
        var text = await ReadText(": keep-alive\n\n: keep-alive\n\n\n\n" + Data("你好") + "data: " + Stop + "\n\ndata: [DONE]\n\n");

        Assert.Equal("你好", text);
    }

    [Fact]
    public async Task Stream_Done_StopsEvenWhenMoreEventsFollow()
    {
        var text = await ReadText(Data("a") + "data: " + Stop + "\n\ndata: [DONE]\n\n" + Data("b"));

        Assert.Equal("a", text);
    }

    [Fact]
    public async Task Stream_EndOfStreamAfterFinishReasonWithoutDone_EndsCleanly()
    {
        var text = await ReadText(Data("a") + Data("b") + "data: " + Stop + "\n\n");

        Assert.Equal("ab", text);
    }

    [Fact]
    public async Task Stream_EventWithEmptyData_IsSkippedNotTheEnd()
    {
        var text = await ReadText("data: \n\n" + Data("a") + "data: \n\n" + Data("b") + "data: " + Stop + "\n\ndata: [DONE]\n\n");

        Assert.Equal("ab", text);
    }

    [Fact]
    public async Task Stream_StallsPastIdleTimeout_ThrowsTimeoutNamingTheStall()
    {
        var time = new FakeTimeProvider();
        using var client = Client(new BlockingStream(Data("a")), time, idle: TimeSpan.FromSeconds(30));
        var enumerator = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();

        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal("a", enumerator.Current.Text);
        var next = enumerator.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => next);
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.Equal("deepseek", ex.Provider);
        Assert.Contains("stalled", ex.Message, StringComparison.Ordinal);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task Stream_CallerCancelsWhileIdle_IsOperationCanceled()
    {
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        using var client = Client(new BlockingStream(Data("a")), time);
        var enumerator = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cts.Token).GetAsyncEnumerator();

        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync().AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
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
