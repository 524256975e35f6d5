using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// Where a non-stream call's bytes go, by type: <c>--allocations raw|sdk|ours|keyed [memory|loopback] [calls]</c> makes
/// the calls over the in-memory <see cref="CannedHandler"/> (only client work allocates) or over the loopback stub
/// (the socket path too), and prints the runtime's allocation samples (<c>GCAllocationTick</c>, one per ~100 KB
/// allocated) as bytes per call by type, largest first.
/// </summary>
/// <remarks>
/// The sampling is statistical: a type's share is exact only in the limit, so run enough calls (the default 200,000)
/// that every type above a few dozen bytes per call has hundreds of samples. The keyed client is the one
/// <c>AddChineseLlm</c> registers, with its factory HttpClient's primary handler replaced by the canned one, so its
/// resilience handler and pipeline are in the profile.
/// </remarks>
public static class AllocationProfile
{
    public static async Task RunAsync(string client, bool loopback, int calls)
    {
        await using var clients = loopback ? await ComparedClients.StartAsync() : ComparedClients.InMemory();
        using var services = KeyedOverCannedHandler();
        var keyed = loopback ? clients.Keyed : services.GetRequiredKeyedService<IChatClient>("deepseek");
        Func<Task<int>> call = client switch
        {
            "raw" => async () => (await clients.Raw.CompleteAsync(clients.RawRequest)).Choices![0].Message!.Content!.Length,
            "sdk" => async () => (await clients.Sdk.CompleteChatAsync(clients.SdkMessages)).Value.Content[0].Text.Length,
            "ours" => async () => (await clients.Ours.GetResponseAsync(clients.Messages)).Text.Length,
            "keyed" => async () => (await keyed.GetResponseAsync(clients.Messages)).Text.Length,
            _ => throw new ArgumentException($"unknown client '{client}': raw, sdk, ours or keyed", nameof(client)),
        };

        for (var i = 0; i < 2_000; i++)
        {
            await call();
        }

        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener.Dispose();
        var sampled = listener.Bytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{client} over {(loopback ? "loopback" : "memory")}: {total / (double)calls:F0} B per call over {calls:N0} calls; by type (sampled):"));
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(pair => pair.Value).Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)sampled * total / calls,8:F0} B  {type}"));
        }
    }

    private static ServiceProvider KeyedOverCannedHandler()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(options =>
        {
            options.Providers.DeepSeek.ApiKey = ComparedClients.ApiKey;
            options.Providers.DeepSeek.Endpoint = new Uri("http://127.0.0.1:1/");
            options.Providers.DeepSeek.DefaultModel = ComparedClients.Model;
        });
        services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(
            builder => builder.PrimaryHandler = new CannedHandler(DeepSeekPayloads.Completion, "application/json")));
        return services.BuildServiceProvider();
    }

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public ConcurrentDictionary<string, long> Bytes { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            Bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
