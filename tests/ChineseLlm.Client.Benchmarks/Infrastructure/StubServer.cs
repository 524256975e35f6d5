using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// An in-process Kestrel server on a loopback port that answers every POST like DeepSeek's
/// <c>/chat/completions</c>: <c>{base}/chat/completions</c> returns the non-stream fixture and
/// <c>{base}/stream/{n}/chat/completions</c> an SSE stream of <c>n</c> chunks; <c>{base}/count/chat/completions</c>
/// reads the request body first and records its size (<see cref="LastRequestBytes"/>); <c>{base}/hold/chat/completions</c>
/// sends a stream's first two chunks and then holds it open, idle, until the client goes away.
/// </summary>
/// <remarks>
/// The bodies are built once and written with one write each, so the server's share of every call is the same
/// for all the clients compared and as small as Kestrel allows. The route is in the path (not the body) so the
/// server never parses a request: each client under test is simply given a different base address.
/// </remarks>
public sealed class StubServer : IAsyncDisposable
{
    private const string TraceId = "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, byte[]> _streams = new();
    private long _lastRequestBytes;

    private StubServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the server's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the size of the last request body read under <c>count/</c>.</summary>
    public long LastRequestBytes => Interlocked.Read(ref _lastRequestBytes);

    /// <summary>Gets the base address under which chat calls stream <paramref name="chunks"/> chunks.</summary>
    public Uri StreamBaseAddress(int chunks) => StreamBaseAddress(BaseAddress, chunks);

    /// <summary>Gets the base address under which a stub at <paramref name="root"/> streams <paramref name="chunks"/> chunks.</summary>
    public static Uri StreamBaseAddress(Uri root, int chunks) => new(root, $"stream/{chunks}/");

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<StubServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var app = builder.Build();

        var server = default(StubServer);
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new StubServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method) || !path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.Headers["x-ds-trace-id"] = TraceId;
        if (path.StartsWith("/count/", StringComparison.Ordinal))
        {
            return CountThenAnswerAsync(context);
        }

        if (path.StartsWith("/hold/", StringComparison.Ordinal))
        {
            return HoldAsync(context);
        }

        if (path.StartsWith("/stream/", StringComparison.Ordinal))
        {
            var chunks = int.Parse(path.AsSpan("/stream/".Length, path.IndexOf('/', "/stream/".Length) - "/stream/".Length), provider: null);
            var body = _streams.GetOrAdd(chunks, DeepSeekPayloads.Stream);
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            return response.Body.WriteAsync(body, 0, body.Length);
        }

        response.ContentType = "application/json";
        response.ContentLength = DeepSeekPayloads.Completion.Length;
        return response.Body.WriteAsync(DeepSeekPayloads.Completion, 0, DeepSeekPayloads.Completion.Length);
    }

    private async Task CountThenAnswerAsync(HttpContext context)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        Interlocked.Exchange(ref _lastRequestBytes, total);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = DeepSeekPayloads.Completion.Length;
        await context.Response.Body.WriteAsync(DeepSeekPayloads.Completion);
    }

    private async Task HoldAsync(HttpContext context)
    {
        var head = _streams.GetOrAdd(-1, static _ => DeepSeekPayloads.StreamHead());
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(head);
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client closed the stream: the end of the hold.
        }
    }
}
