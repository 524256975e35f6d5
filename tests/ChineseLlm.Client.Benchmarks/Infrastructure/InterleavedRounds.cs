using System.Diagnostics;
using System.Globalization;
using ChineseLlm.Client.Benchmarks.Raw;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// Time per call with the clients interleaved: <c>--interleaved [rounds] [calls] [chunks]</c> runs every client
/// <c>calls</c> times in turn (non-stream calls, or streams of <c>chunks</c> chunks read to the end), in a rotated
/// order, for <c>rounds</c> rounds against one in-process loopback stub, and prints each client's median per-call
/// time and its median ratio to raw and to the SDK taken within each round.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one case after another, so on a shared two-core VM a slow minute lands on whichever case
/// is running then: in one run the bare client and the keyed one differed by 35 % although they do the same work. A
/// ratio taken within a round, where every client met the same minute, does not move with that; the median over the
/// rounds drops the rounds a burst of other work spoiled. This supplements the BenchmarkDotNet table (which also
/// gives the allocations); it is the same measurement the issue's figures came from (600 calls x 5 rounds).
/// </remarks>
public static class InterleavedRounds
{
    public static async Task RunAsync(int rounds, int calls, int? streamChunks)
    {
        await using var clients = await ComparedClients.StartAsync(streamChunks);
        var cases = streamChunks is null ? NonStreamCases(clients) : StreamCases(clients);

        // Warm-up until the JIT has tiered every client's path (the SDK's takes longest).
        foreach (var (_, call) in cases)
        {
            for (var i = 0; i < 20 * calls; i++)
            {
                await call();
            }
        }

        var raw = Array.FindIndex(cases, c => c.Name.StartsWith("Raw", StringComparison.Ordinal));
        var sdk = Array.FindIndex(cases, c => c.Name.StartsWith("OpenAI SDK", StringComparison.Ordinal));
        var perCall = new double[cases.Length, rounds];
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = (k + round) % cases.Length;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < calls; i++)
                {
                    await cases[c].Call();
                }

                perCall[c, round] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var what = streamChunks is { } n ? $"{n}-chunk streams" : "non-stream calls";
        Console.WriteLine(string.Create(inv, $"Interleaved {what}: {rounds} rounds x {calls} calls per client, rotated order; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine();
        Console.WriteLine("| Client | Median per call | Median ratio to raw (within a round) | Median ratio to the SDK (within a round) |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var c = 0; c < cases.Length; c++)
        {
            var own = Enumerable.Range(0, rounds).Select(r => perCall[c, r]);
            var toRaw = Enumerable.Range(0, rounds).Select(r => perCall[c, r] / perCall[raw, r]);
            var toSdk = Enumerable.Range(0, rounds).Select(r => perCall[c, r] / perCall[sdk, r]);
            Console.WriteLine(string.Create(inv, $"| {cases[c].Name} | {Median(own):F1} µs | {Median(toRaw):F2} | {Median(toSdk):F2} |"));
        }
    }

    private static (string Name, Func<Task<int>> Call)[] NonStreamCases(ComparedClients clients)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(clients.RawRequest, RawJsonContext.Default.RawChatRequest);
        var floor = new CannedHttpClient(clients.HttpClient, clients.StubAddress!, ComparedClients.ApiKey, body);
        return
        [
            ("Floor: HttpClient, canned bytes, no JSON", () => floor.SendAsync()),
            ("Raw HttpClient + STJ", async () => (await clients.Raw.CompleteAsync(clients.RawRequest)).Choices![0].Message!.Content!.Length),
            ("OpenAI SDK 2.15", async () => (await clients.Sdk.CompleteChatAsync(clients.SdkMessages)).Value.Content[0].Text.Length),
            ("M.E.AI OpenAI adapter over the SDK", () => TextLength(clients.MeaiOverSdk, clients.Messages)),
            ("DeepSeekChatClient", () => TextLength(clients.Ours, clients.Messages)),
            ("DeepSeekChatClient + resilience", () => TextLength(clients.OursWithResilience, clients.Messages)),
            ("DeepSeek keyed client (AddChineseLlm)", () => TextLength(clients.Keyed, clients.Messages)),
        ];
    }

    /// <summary>The stream cases; no floor (the canned client drains one body, which says nothing about reading events).</summary>
    private static (string Name, Func<Task<int>> Call)[] StreamCases(ComparedClients clients) =>
    [
        ("Raw HttpClient + SseParser + STJ", () => RawStreamLength(clients)),
        ("OpenAI SDK 2.15", async () =>
        {
            var length = 0;
            await foreach (var update in clients.Sdk.CompleteChatStreamingAsync(clients.SdkMessages))
            {
                foreach (var part in update.ContentUpdate)
                {
                    length += part.Text.Length;
                }
            }

            return length;
        }),
        ("M.E.AI OpenAI adapter over the SDK", () => StreamLength(clients.MeaiOverSdk, clients.Messages)),
        ("DeepSeekChatClient", () => StreamLength(clients.Ours, clients.Messages)),
        ("DeepSeekChatClient + resilience", () => StreamLength(clients.OursWithResilience, clients.Messages)),
        ("DeepSeek keyed client (AddChineseLlm)", () => StreamLength(clients.Keyed, clients.Messages)),
    ];

    private static async Task<int> RawStreamLength(ComparedClients clients)
    {
        var length = 0;
        await foreach (var chunk in clients.Raw.StreamAsync(clients.RawStreamRequest))
        {
            if (chunk.Choices is [{ Delta.Content: { } text }, ..])
            {
                length += text.Length;
            }
        }

        return length;
    }

    private static async Task<int> StreamLength(IChatClient client, IReadOnlyList<ChatMessage> messages)
    {
        var length = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            length += update.Text.Length;
        }

        return length;
    }

    private static async Task<int> TextLength(IChatClient client, IReadOnlyList<ChatMessage> messages) =>
        (await client.GetResponseAsync(messages)).Text.Length;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
