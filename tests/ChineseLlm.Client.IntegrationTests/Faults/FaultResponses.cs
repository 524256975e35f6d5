using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace ChineseLlm.Client.Faults;

/// <summary>The faults a <see cref="FaultServer"/> can play, each a <see cref="FaultHandler"/>.</summary>
public static class FaultResponses
{
    /// <summary>
    /// How long <see cref="CutBody"/> waits after flushing before it closes the connection, so that the bytes leave
    /// Kestrel's output pipe first (an abort drops what is still in it). Resets never rely on a grace: an RST discards
    /// what the client has not read, however long the wait, so they wait for the client (<see cref="SseThenResetWhenRead"/>).
    /// </summary>
    private static readonly TimeSpan ReadGrace = TimeSpan.FromMilliseconds(150);

    /// <summary>An ordinary response with <paramref name="status"/>, <paramref name="body"/> and extra headers.</summary>
    public static FaultHandler Status(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body, context.RequestAborted);
        };

    /// <summary>A 200 JSON response.</summary>
    public static FaultHandler Json(string body) => Status(200, body);

    /// <summary>Aborts the connection with a TCP reset before any response byte is sent.</summary>
    public static FaultHandler ResetBeforeHeaders() => (context, _) =>
    {
        Reset(context);
        return Task.CompletedTask;
    };

    /// <summary>Never answers: the connection stays open and silent until the client gives up.</summary>
    public static FaultHandler StallBeforeHeaders() => (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);

    /// <summary>Sends the events of an SSE <paramref name="transcript"/> one by one, <paramref name="gap"/> apart.</summary>
    public static FaultHandler Sse(string transcript, TimeSpan gap = default) => SseThen(transcript, int.MaxValue, SseEnding.Complete, gap);

    /// <summary>
    /// Sends the first <paramref name="events"/> events of <paramref name="transcript"/> (comments count as events), then
    /// ends as <paramref name="ending"/> says.
    /// </summary>
    public static FaultHandler SseThen(string transcript, int events, SseEnding ending, TimeSpan gap = default) => async (context, _) =>
    {
        var blocks = SplitEvents(transcript);
        await StartEventStreamAsync(context);
        foreach (var block in blocks.Take(events))
        {
            await WriteAndFlushAsync(context, block);
            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap, context.RequestAborted);
            }
        }

        switch (ending)
        {
            case SseEnding.Stall:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
            case SseEnding.Complete:
            default:
                break;
        }
    };

    /// <summary>
    /// Sends the first <paramref name="events"/> events of <paramref name="transcript"/>, waits until
    /// <paramref name="readByClient"/> completes (the test's client saw them), then closes the connection. A fixed grace
    /// before the close could pass on a busy machine before the bytes left Kestrel's output pipe (an abort drops them:
    /// the client never saw the content); this cuts the stream after its content for certain.
    /// </summary>
    public static FaultHandler SseThenCloseWhenRead(string transcript, int events, Func<CancellationToken, Task> readByClient) =>
        SseThenEndWhenRead(transcript, events, readByClient, reset: false);

    /// <summary>
    /// As <see cref="SseThenCloseWhenRead"/>, but resets the connection (TCP RST). An RST discards what the client has
    /// not read yet, so with a fixed grace before it a busy machine could lose the headers too: the call then failed before any content, a retried network error, and a test of a reset after
    /// content saw two requests. Waiting for the client makes it a reset after content for certain.
    /// </summary>
    public static FaultHandler SseThenResetWhenRead(string transcript, int events, Func<CancellationToken, Task> readByClient) =>
        SseThenEndWhenRead(transcript, events, readByClient, reset: true);

    private static FaultHandler SseThenEndWhenRead(string transcript, int events, Func<CancellationToken, Task> readByClient, bool reset) => async (context, _) =>
    {
        await StartEventStreamAsync(context);
        foreach (var block in SplitEvents(transcript).Take(events))
        {
            await WriteAndFlushAsync(context, block);
        }

        await readByClient(context.RequestAborted);
        if (reset)
        {
            Reset(context);
        }
        else
        {
            FaultServer.AbortConnection(context);
        }
    };

    /// <summary>An event stream that only ever sends <c>: keep-alive</c> comments, every <paramref name="interval"/>.</summary>
    public static FaultHandler KeepAlivesForever(TimeSpan interval) => async (context, _) =>
    {
        await StartEventStreamAsync(context);
        while (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteAndFlushAsync(context, ": keep-alive\n\n");
            await Task.Delay(interval, context.RequestAborted);
        }
    };

    /// <summary>Sends the headers, then <paramref name="body"/> <paramref name="chunkBytes"/> bytes at a time, <paramref name="gap"/> apart.</summary>
    public static FaultHandler Trickle(string body, string contentType, int chunkBytes, TimeSpan gap) => async (context, _) =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 0; i < bytes.Length; i += chunkBytes)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(chunkBytes, bytes.Length - i)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(gap, context.RequestAborted);
        }
    };

    /// <summary>
    /// Declares the full length of <paramref name="body"/> but sends only its first <paramref name="sentBytes"/>, then
    /// closes the connection.
    /// </summary>
    /// <remarks>
    /// A close (FIN), not a reset: an RST discards what the client has not read yet, so on a busy machine a reset
    /// after <see cref="ReadGrace"/> could still land before the client read the headers. The call then failed before
    /// any content, a retried network error, and the test of a body cut short saw two requests (it did, once, in a
    /// ten-run loop at load 1.2). After a FIN the client always reads the headers and the bytes sent, then the end.
    /// </remarks>
    public static FaultHandler CutBody(string body, int sentBytes, string contentType = "application/json") => async (context, _) =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, sentBytes), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(ReadGrace, context.RequestAborted); // Kestrel's output pipe reaches the socket first
        FaultServer.AbortConnection(context);
    };

    /// <summary>Plays <paramref name="handlers"/> in order, one per request; the last one repeats.</summary>
    public static FaultHandler Sequence(params FaultHandler[] handlers) =>
        (context, hit) => handlers[Math.Min(hit, handlers.Length) - 1](context, hit);

    /// <summary>Splits an SSE transcript into its events (comment lines and data events alike), each ending in a blank line.</summary>
    public static List<string> SplitEvents(string transcript) =>
        transcript.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(block => !string.IsNullOrWhiteSpace(block))
            .Select(block => block.Trim('\n') + "\n\n")
            .ToList();

    private static async Task StartEventStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(context.RequestAborted);
    }

    private static async Task WriteAndFlushAsync(HttpContext context, string text)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Closes the connection with RST (linger 0) instead of a graceful FIN.</summary>
    private static void Reset(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }

        FaultServer.AbortConnection(context);
    }
}
