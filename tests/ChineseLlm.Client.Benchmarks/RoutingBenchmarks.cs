using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// The router's decision over the full embedded catalog (every model of every provider, every provider configured),
/// for a Standard-tier request with tools at a weekday peak time: <see cref="RoutePlanner.Plan"/>, the plan the router
/// builds per call (every candidate with its estimate or the reason it was left out, for <see cref="RoutingDecision"/>),
/// including the prompt's token estimate. (An allocation-free decision-only table once measured here served nothing
/// but this benchmark and was removed: the router needs the full plan for every call it answers.)
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Routing")]
public class RoutingBenchmarks
{
    // A weekday at 10:30 in Beijing: DeepSeek's peak window is open.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(8));

    private static readonly List<ChatMessage> Conversation =
    [
        new(ChatRole.System, "You are a helpful assistant."),
        new(ChatRole.User, "写一个C语言程序，输入两个整数，输出它们的和。"),
    ];

    private static readonly ChatOptions Options = new ChatOptions
    {
        Tools = [AIFunctionFactory.CreateDeclaration("weather", "Weather.", System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement)],
    }.WithTier(ModelTier.Standard);

    private static readonly Dictionary<string, ProviderCooldown> NoCooldowns = [];

    private RouterSettings _settings = null!;
    private Dictionary<string, IChatClient> _providers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ModelCatalog.Embedded;
        _settings = RouterSettings.FromValidated(catalog, new RoutingOptions());
        _providers = catalog.Models.Select(m => m.Provider!).Distinct().ToDictionary(p => p, p => (IChatClient)new NoCallChatClient());

    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var client in _providers.Values)
        {
            client.Dispose();
        }
    }

    [Benchmark(Description = "RoutePlanner.Plan (estimate + full plan)")]
    public ModelCard? FullPlan() => RoutePlanner.Plan(_settings, _providers, Conversation, Options, Now, NoCooldowns).Eligible[0].Card;

    /// <summary>A provider client the planner lists but never calls.</summary>
    private sealed class NoCallChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("the routing benchmark never calls a provider");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("the routing benchmark never calls a provider");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
