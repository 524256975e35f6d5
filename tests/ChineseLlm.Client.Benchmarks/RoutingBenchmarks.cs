using System.Globalization;
using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// The router's decision over a 50-model catalog (the embedded catalog's first 50 models, padded with flat, banded and
/// peak-window models if it has fewer; every provider configured), for a Standard-tier request with tools at a
/// weekday peak time. <see cref="RouteTable.Choose"/> is the decision alone; <see cref="RoutePlanner.Plan"/> is the
/// full plan the router builds per call (token estimate, every candidate with its estimate or the reason it was
/// left out, for <see cref="RoutingDecision"/>).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Routing")]
public class RoutingBenchmarks
{
    /// <summary>The catalog size.</summary>
    public const int CatalogSize = 50;

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
    private long _inputTokens;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = FiftyModelCatalog();
        Check.Equal(CatalogSize, catalog.Models.Count, "catalog size");
        _settings = RouterSettings.FromValidated(catalog, new RoutingOptions());
        _providers = catalog.Models.Select(m => m.Provider!).Distinct().ToDictionary(p => p, p => (IChatClient)new NoCallChatClient());
        _table = new RouteTable(catalog, _providers.Keys);
        _inputTokens = TokenEstimator.Shared.EstimateInputTokens(Conversation, Options);

        Check.Equal(FullPlan(), Decision(), "decision");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var client in _providers.Values)
        {
            client.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "RouteTable.Choose (decision alone)")]
    public ModelCard? Decision() => _table.Choose(
        ModelTier.Standard, ModelCapabilities.Tools, _inputTokens, _settings.ExpectedOutputTokens, thinking: false, maxOutputTokens: null, Now, NoCooldowns);

    [Benchmark(Description = "RoutePlanner.Plan (estimate + full plan)")]
    public ModelCard? FullPlan() => RoutePlanner.Plan(_settings, _providers, Conversation, Options, Now, NoCooldowns).Eligible[0].Card;

    /// <summary>The embedded catalog's models, cut or padded (flat, banded, with peak windows) to <see cref="CatalogSize"/>.</summary>
    private static ModelCatalog FiftyModelCatalog()
    {
        var document = ModelCatalog.ParseDocument(ModelCatalog.ReadEmbeddedJson());
        if (document.Models.Count > CatalogSize)
        {
            document.Models = document.Models.Take(CatalogSize).ToList();
        }

        string[] providers = ["qwen", "ernie", "doubao", "hunyuan", "kimi", "deepseek"];
        string[][] capabilities = [["Tools", "Json"], ["Tools", "Vision", "Json"], ["Reasoning"], ["Tools", "Reasoning", "Json"]];
        for (var i = 0; document.Models.Count < CatalogSize; i++)
        {
            var card = new ModelCard
            {
                Provider = providers[i % providers.Length],
                Id = "bench-model-" + i.ToString(CultureInfo.InvariantCulture),
                Tier = (ModelTier)(i % 4),
                ContextWindow = 32_000 * (1 + (i % 8)),
                MaxOutputTokens = 8_192,
                Capabilities = [.. capabilities[i % capabilities.Length]],
                Source = "benchmark",
            };
            if (i % 3 == 0)
            {
                card.Bands.Add(new PriceBand { MaxInputTokens = 32_000, InputPerMillion = 0.5m + (i * 0.1m), OutputPerMillion = 2m + i });
                card.Bands.Add(new PriceBand { MaxInputTokens = 128_000, InputPerMillion = 1.5m + (i * 0.1m), OutputPerMillion = 6m + i });
            }
            else
            {
                card.InputPerMillion = 0.3m + (i * 0.2m);
                card.OutputPerMillion = 1.2m + (i * 0.5m);
            }

            if (i % 4 == 1)
            {
                card.TimeWindows.Add(new PriceTimeWindow { Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], Start = "09:00", End = "12:00", Multiplier = 2m });
            }

            document.Models.Add(card);
        }

        return ModelCatalog.Create(document, overrides: null);
    }

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
