using System.Text;
using ChineseLlm.Client.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.BadInput;

/// <summary>Runs alone: the memory bound is measured as what the whole process allocates during one call.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundGroup
{
    public const string Name = "Memory bound (runs alone)";
}

/// <summary>
/// Memory is bounded by the library, not by what a vendor or proxy sends or claims (issue 17's measurements: a body
/// claiming 2 GB made the client allocate 1.9 GB; a 50 MB HTML error page, 112 MB; a 300 MB completion, 512 MB; one
/// 300 MB stream line, 1 GB). Over loopback Kestrel, with <see cref="ChineseLlmProviderOptions.MaxResponseBytes"/> at
/// 1 MiB, each call fails with <see cref="LlmErrorKind.Protocol"/> (or the error page's status) and the process
/// allocates less than <see cref="AllocationCeiling"/> while it runs — far below what was sent.
/// </summary>
[Collection(MemoryBoundGroup.Name)]
public sealed class MemoryBoundTests
{
    private const long Limit = 1024 * 1024;
    private const long AllocationCeiling = 32L * 1024 * 1024;
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));

    public static TheoryData<string> Profiles => ["deepseek", "qwen", "hunyuan", "ernie-v1"];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Body_ClaimingTwoGigabytesAndSending22Bytes_IsProtocolWithoutAllocatingIt(string id)
    {
        var (error, allocated) = await CallAsync(id, streaming: false, async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 2_000_000_000;
            await context.Response.Body.WriteAsync("{\"id\":\"chatcmpl-1\",\"x\":"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await Task.Delay(200, context.RequestAborted);
            context.Abort();
        });

        Assert.Equal(LlmErrorKind.Protocol, error.Kind);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, AllocationCeiling);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Body_Of300Megabytes_IsProtocolAfterTheLimit(string id)
    {
        var (error, allocated) = await CallAsync(id, streaming: false, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\""u8.ToArray(), context.RequestAborted);
            await SendAsync(context, 300L * 1024 * 1024);
        });

        Assert.Equal(LlmErrorKind.Protocol, error.Kind);
        Assert.InRange(allocated, 0, AllocationCeiling);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task ErrorPage_Of50MegabytesOfHtml_IsClassifiedByStatusWithoutBufferingIt(string id)
    {
        var (error, allocated) = await CallAsync(id, streaming: false, async context =>
        {
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync("<html><body>"u8.ToArray(), context.RequestAborted);
            await SendAsync(context, 50L * 1024 * 1024);
        });

        Assert.Equal(502, error.StatusCode);
        Assert.InRange(allocated, 0, AllocationCeiling);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Stream_OneLineOf300MegabytesWithoutALineBreak_IsProtocolAfterTheLimit(string id)
    {
        var (error, allocated) = await CallAsync(id, streaming: true, async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync("data: {\"choices\":[{\"delta\":{\"content\":\""u8.ToArray(), context.RequestAborted);
            await SendAsync(context, 300L * 1024 * 1024);
        });

        Assert.Equal(LlmErrorKind.Protocol, error.Kind);
        Assert.InRange(allocated, 0, AllocationCeiling);
    }

    /// <summary>Writes <paramref name="bytes"/> of 'a' from one reused chunk (the server allocates almost nothing).</summary>
    private static async Task SendAsync(HttpContext context, long bytes)
    {
        try
        {
            for (long sent = 0; sent < bytes; sent += Chunk.Length)
            {
                await context.Response.Body.WriteAsync(Chunk, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client stopped reading at its limit: that is the point.
        }
    }

    private static async Task<(ChineseLlmException Error, long Allocated)> CallAsync(string id, bool streaming, Func<HttpContext, Task> respond)
    {
        var profile = ProviderProfiles.Get(id);
        await using var server = await FaultServer.StartAsync((context, _) => respond(context));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.MaxResponseBytes = Limit;
            o.MaxRetryAttempts = 0;
        });

        // Warm up the client's and server's one-time allocations (connection, TLS-free pipeline, JIT) with a first call.
        _ = await Record.ExceptionAsync(() => RunAsync(client, streaming));
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Record.ExceptionAsync(() => RunAsync(client, streaming).WaitAsync(TimeSpan.FromSeconds(60)));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var error = Assert.IsType<ChineseLlmException>(ex);
        Assert.Equal(profile.Key, error.Provider);
        return (error, allocated);
    }

    private static async Task RunAsync(IChatClient client, bool streaming)
    {
        if (!streaming)
        {
            await client.GetResponseAsync(FaultRun.Hello);
            return;
        }

        await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
        {
            _ = update;
        }
    }
}
