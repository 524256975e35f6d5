using System.Diagnostics;
using System.Globalization;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// Memory per idle open stream: each client opens <c>n</c> streams at once against a stub in a child process (so only
/// the client's memory is in this process), reads what each stream's server sent, then starts the next read and leaves
/// it pending: <c>n</c> streams open, idle, waiting for the server. The managed heap after a full collection, minus the
/// heap before the streams were opened, divided by <c>n</c>, is what one idle open stream keeps alive (sockets' kernel
/// buffers are not in it, and are the same for every client).
/// </summary>
/// <remarks>Not a BenchmarkDotNet benchmark: it measures memory held, not time or allocation per operation.</remarks>
public static class OpenStreamsProbe
{
    /// <summary>A read still waiting after this long is waiting for the server.</summary>
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the probe for every client and prints a Markdown table.</summary>
    public static async Task RunAsync(int streams)
    {
        using var server = StartStubProcess(out var baseAddress);
        try
        {
            Console.WriteLine($"Open streams: {streams} concurrent idle streams per client, stub in child process {server.Id} at {baseAddress}");
            Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine();
            Console.WriteLine("| Client | Heap held per open stream | vs raw |");
            Console.WriteLine("|---|---:|---:|");
            double? raw = null;
            foreach (var name in new[] { "Raw HttpClient + SseParser + STJ", "OpenAI SDK 2.15", "M.E.AI OpenAI adapter over the SDK", "DeepSeekChatClient", "DeepSeekChatClient + resilience", "DeepSeek keyed client (AddChineseLlm)" })
            {
                var perStream = await MeasureAsync(baseAddress, name, streams);
                raw ??= perStream;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {perStream / 1024:N1} KiB ({perStream:N0} B) | {perStream / raw.Value:0.00} |"));
            }
        }
        finally
        {
            server.StandardInput.Close(); // the child stops when its standard input closes
            if (!server.WaitForExit(10_000))
            {
                server.Kill();
            }
        }
    }

    /// <summary>Serves the stub until standard input closes (the child side of <see cref="RunAsync"/>).</summary>
    public static async Task ServeAsync()
    {
        await using var server = await StubServer.StartAsync();
        Console.WriteLine(server.BaseAddress);
        await Console.In.ReadToEndAsync();
    }

    private static async Task<double> MeasureAsync(Uri baseAddress, string name, int streams)
    {
        await using var clients = ComparedClients.Connect(new Uri(baseAddress, "hold/"));
        Func<CancellationToken, IAsyncEnumerator<object>> open = name switch
        {
            _ when name.StartsWith("Raw", StringComparison.Ordinal) => ct => Box(clients.Raw.StreamAsync(clients.RawStreamRequest, ct), ct),
            _ when name.StartsWith("OpenAI SDK", StringComparison.Ordinal) => ct => Box(clients.Sdk.CompleteChatStreamingAsync(clients.SdkMessages, cancellationToken: ct), ct),
            _ when name.StartsWith("M.E.AI", StringComparison.Ordinal) => ct => Box(clients.MeaiOverSdk.GetStreamingResponseAsync(clients.Messages, cancellationToken: ct), ct),
            _ when name.StartsWith("DeepSeek keyed", StringComparison.Ordinal) => ct => Box(clients.Keyed.GetStreamingResponseAsync(clients.Messages, cancellationToken: ct), ct),
            _ when name.EndsWith("resilience", StringComparison.Ordinal) => ct => Box(clients.OursWithResilience.GetStreamingResponseAsync(clients.Messages, cancellationToken: ct), ct),
            _ => ct => Box(clients.Ours.GetStreamingResponseAsync(clients.Messages, cancellationToken: ct), ct),
        };

        // Warm up: one stream opened and closed, so types, pools and the connection code are loaded before the baseline.
        using (var warm = new CancellationTokenSource())
        {
            var enumerator = open(warm.Token);
            await enumerator.MoveNextAsync();
            await warm.CancelAsync();
            await DisposeQuietlyAsync(enumerator);
        }

        var before = Heap();
        using var cancel = new CancellationTokenSource();
        var open_ = new IAsyncEnumerator<object>[streams];
        var pending = new Task<bool>[streams];
        await Parallel.ForAsync(0, streams, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var enumerator = open(cancel.Token);
            if (!await enumerator.MoveNextAsync())
            {
                throw new InvalidOperationException($"{name}: the held stream ended");
            }

            open_[i] = enumerator;

            // Read what the server sent (a client may yield it as one or two updates) until a read waits for the
            // server: then the stream is open and idle.
            while (true)
            {
                var next = enumerator.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(IdleAfter)) != next)
                {
                    pending[i] = next;
                    break;
                }

                if (!await next)
                {
                    throw new InvalidOperationException($"{name}: the held stream ended");
                }
            }
        });

        var held = Heap() - before;
        if (pending.Any(t => t.IsCompleted))
        {
            throw new InvalidOperationException($"{name}: a held stream did not stay open");
        }

        await cancel.CancelAsync();
        foreach (var task in pending)
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or ChineseLlmException or IOException or HttpRequestException)
            {
            }
        }

        foreach (var enumerator in open_)
        {
            await DisposeQuietlyAsync(enumerator);
        }

        GC.KeepAlive(open_);
        return held / (double)streams;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<object> enumerator)
    {
        try
        {
            await enumerator.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ChineseLlmException or IOException or HttpRequestException)
        {
        }
    }

    private static async IAsyncEnumerator<object> Box<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
        where T : class
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    private static Process StartStubProcess(out Uri baseAddress)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OpenStreamsProbe).Assembly.Location);
        }

        start.ArgumentList.Add("--serve");
        var process = Process.Start(start)!;
        baseAddress = new Uri(process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the stub process did not start"));
        return process;
    }
}
