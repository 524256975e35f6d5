using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// The router's decision over the full embedded catalog (every model of every provider, every provider configured),
/// for a Standard-tier request with tools at a weekday peak time, in the three steps a call takes:
/// <see cref="RouteRequest.Of"/> (the request's tier, capabilities and the prompt's token estimate, once per call),
/// <see cref="RouteTable.Choose"/> (the decision: the model the call goes to first, what the router runs for every
/// unpinned call while nothing is cooling down), and <see cref="RoutePlanner.Plan"/> (every candidate with its estimate
/// and every row left out with its reason: built after a failover, with a cooldown or a pinned model, or when someone
/// reads <see cref="RoutingDecision.Candidates"/>); and a whole routed call over providers that answer from memory
/// (the router's own work per call: the three steps, the options sent, the attempt, the decision and annotations).
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
    private RouteTable _table = null!;
    private RouteRequest _request;
    private CostAwareChatClient _router = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ModelCatalog.Embedded;
        _settings = RouterSettings.FromValidated(catalog, new RoutingOptions());
        _providers = catalog.Models.Select(m => m.Provider!).Distinct().ToDictionary(p => p, p => (IChatClient)new AnsweringChatClient());
        _router = new CostAwareChatClient(_providers);
        _table = new RouteTable(catalog, _providers, protocols: null);
        _request = RouteRequest.Of(_settings, Conversation, Options);
        if (Decision() != FullPlan())
        {
            throw new InvalidOperationException("the table and the planner disagree on the first model; the benchmark would compare different decisions");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _router.Dispose();
        foreach (var client in _providers.Values)
        {
            client.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "RouteTable.Choose (the decision)")]
    public ModelCard? Decision() => _table.Choose(_request, Now)?.Card;

    [Benchmark(Description = "RouteRequest.Of (capabilities + token estimate)")]
    public long Request() => RouteRequest.Of(_settings, Conversation, Options).InputTokens;

    [Benchmark(Description = "RoutePlanner.Plan (full plan, the explanation)")]
    public ModelCard? FullPlan() => RoutePlanner.Plan(_settings, _providers, _request, Now, NoCooldowns).Eligible[0].Card;

    [Benchmark(Description = "CostAwareChatClient.GetResponseAsync (a routed call, providers in memory)")]
    public async Task<string?> RoutedCall() => (await _router.GetResponseAsync(Conversation, Options).ConfigureAwait(false)).GetProvider();

    /// <summary>A provider client that answers at once from memory (a response, its message and usage: ~0.4 KB of its own).</summary>
    private sealed class AnsweringChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "3"))
            {
                ModelId = options?.ModelId,
                Usage = new UsageDetails { InputTokenCount = 30, OutputTokenCount = 1, TotalTokenCount = 31 },
            });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("the routing benchmark never calls a provider");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
