using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Faults;

/// <summary>Answers one provider request; <paramref name="hit"/> is 1 for the first request the server counts, 2 for the next…</summary>
public delegate Task FaultHandler(HttpContext context, int hit);

/// <summary>
/// A loopback Kestrel server whose answers are scripted faults (<see cref="FaultResponses"/>). It counts the provider
/// requests it receives (<see cref="Hits"/>) and the TCP connections it accepts and still holds open, so tests can
/// prove that nothing was retried after content reached the caller and that cancelled calls give their connection back.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _providerConnections = new(StringComparer.Ordinal);
    private int _hits;
    private int _peakOpen;
    private int _accepted;
    private int _aborted;

    private FaultServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets the server's base URI, such as <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets or sets what the server answers to provider requests.</summary>
    public FaultHandler Handler { get; set; } = FaultResponses.Status(500, "no handler set");

    /// <summary>
    /// Gets or sets a handler for requests that are not the chat call itself (an OAuth token endpoint, say); when it
    /// returns <see langword="true"/> the request was answered and is not counted in <see cref="Hits"/>.
    /// </summary>
    public Func<HttpContext, Task<bool>>? Auxiliary { get; set; }

    /// <summary>Gets how many provider requests arrived.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Gets how many TCP connections the server accepted.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Gets how many provider requests a fault ended by aborting their connection (<see cref="AbortConnection"/>: a reset, a cut stream).</summary>
    public int AbortedRequests => Volatile.Read(ref _aborted);

    /// <summary>
    /// Aborts the connection of a provider request, and stops counting it as open at once rather than when Kestrel has
    /// finished tearing it down: the client replaces a reset connection at once, and in a burst of resets the old ones,
    /// still counted, made the peak look larger than the client's pool allows (the load test once saw 74 open for a pool
    /// of 64, with 509 connections for 1,610 requests, most of them reset). Kestrel cancels
    /// <see cref="HttpContext.RequestAborted"/> on the thread pool, too late to count by.
    /// </summary>
    public static void AbortConnection(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(FaultServer), out var value) && value is FaultServer server)
        {
            server._open.TryRemove(context.Connection.Id, out _);
            Interlocked.Increment(ref server._aborted);
        }

        context.Abort();
    }

    /// <summary>Gets how many accepted TCP connections that carried a provider request (not only side requests) are still open.</summary>
    public int OpenConnections => _open.Keys.Count(id => _providerConnections.ContainsKey(id));

    /// <summary>Gets the paths of the provider requests, in arrival order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>
    /// Gets every credential the clients sent (Authorization and API-key headers, whole and split into their tokens;
    /// query values): the secrets scan looks for these too, since a signature or a token is derived at run time.
    /// </summary>
    public ConcurrentDictionary<string, byte> CredentialsSeen { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the most connections that were open at the same time.</summary>
    public int PeakOpenConnections => Volatile.Read(ref _peakOpen);

    public static async Task<FaultServer> StartAsync(FaultHandler? handler = null, int backlog = 512)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<SocketTransportOptions>(o => o.Backlog = backlog);
        FaultServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null; // trickling is the point of some tests
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
            {
                var id = connection.ConnectionId;
                Interlocked.Increment(ref server!._accepted);
                server._open[id] = 0;
                var open = server._open.Count;
                int peak;
                while (open > (peak = Volatile.Read(ref server._peakOpen)) && Interlocked.CompareExchange(ref server._peakOpen, open, peak) != peak)
                {
                }
                try
                {
                    await next(connection);
                }
                finally
                {
                    server._open.TryRemove(id, out _);
                    server._providerConnections.TryRemove(id, out _);
                }
            }));
        });

        var app = builder.Build();
        server = new FaultServer(app);
        if (handler is not null)
        {
            server.Handler = handler;
        }

        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/'));
        return server;
    }

    /// <summary>Returns a loopback URI on which nothing listens: connections are refused.</summary>
    public static Uri ClosedPortUri()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Waits until at most <paramref name="atMost"/> connections are open; returns whether that happened in time.</summary>
    public async Task<bool> WaitForOpenConnectionsAsync(int atMost, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (OpenConnections > atMost)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>Waits until <see cref="Hits"/> reaches <paramref name="count"/>; returns whether that happened in time.</summary>
    public async Task<bool> WaitForHitsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Hits < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }

    private static readonly string[] CredentialHeaders = ["Authorization", "X-Auth-Token", "X-Apig-AppCode", "api-key", "X-Api-Key", "X-TC-Token"];

    private void RecordCredentials(HttpContext context)
    {
        foreach (var name in CredentialHeaders)
        {
            foreach (var value in context.Request.Headers[name])
            {
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                CredentialsSeen.TryAdd(value, 0);
                foreach (var part in value.Split([' ', ',', '=', ':'], StringSplitOptions.RemoveEmptyEntries))
                {
                    // Labels (TC3-HMAC-SHA256, SignedHeaders' content-type;host) are not secrets; tokens and signatures are.
                    if (part.Length >= 12 && !part.Contains(';', StringComparison.Ordinal) && !part.StartsWith("TC3-", StringComparison.Ordinal))
                    {
                        CredentialsSeen.TryAdd(part, 0); // the bearer token, TC3's Signature=…, a JWT
                    }
                }
            }
        }

        foreach (var (_, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                if (value is { Length: >= 12 })
                {
                    CredentialsSeen.TryAdd(value, 0);
                }
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        RecordCredentials(context);
        if (Auxiliary is { } auxiliary && await auxiliary(context))
        {
            return;
        }

        _providerConnections.TryAdd(context.Connection.Id, 0);
        Paths.Enqueue(context.Request.Path + context.Request.QueryString);
        var hit = Interlocked.Increment(ref _hits);

        context.Items[typeof(FaultServer)] = this; // for AbortConnection
        try
        {
            await Handler(context, hit);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the fault was playing out: that is what several tests want.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }
}
