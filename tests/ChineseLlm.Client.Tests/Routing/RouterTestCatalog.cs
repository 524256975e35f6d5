using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Routing;

/// <summary>Builds small catalogs and routers over <see cref="ScriptedChatClient"/>s for router tests.</summary>
internal static class RouterTestCatalog
{
    /// <summary>A Saturday noon in Beijing (04:00 UTC): no peak-hour window is open.</summary>
    public static readonly DateTimeOffset OffPeak = new(2026, 11, 21, 4, 0, 0, TimeSpan.Zero);

    public static ModelCard Card(
        string provider,
        string id,
        ModelTier tier,
        decimal input,
        decimal output,
        int? contextWindow = 128_000,
        int? maxOutput = 8_192,
        decimal? cachedInput = null,
        params string[] capabilities) => new()
        {
            Provider = provider,
            Id = id,
            Tier = tier,
            ContextWindow = contextWindow,
            MaxOutputTokens = maxOutput,
            Capabilities = capabilities.ToList(),
            InputPerMillion = input,
            CachedInputPerMillion = cachedInput,
            OutputPerMillion = output,
            Source = "test",
        };

    public static ModelCatalog CatalogOf(params ModelCard[] cards)
        => ModelCatalog.Create(new CatalogDocument { AsOf = new DateOnly(2026, 11, 23), Models = cards.ToList() }, overrides: null);

    /// <summary>Three providers: lite and standard at qwen, standard and advanced at deepseek, advanced and flagship at kimi.</summary>
    public static ModelCatalog ThreeProviders() => CatalogOf(
        Card("qwen", "q-lite", ModelTier.Lite, 0.1m, 0.2m, capabilities: ["Tools", "Json"]),
        Card("qwen", "q-standard", ModelTier.Standard, 0.8m, 2m, capabilities: ["Tools", "Json"]),
        Card("deepseek", "d-standard", ModelTier.Standard, 1m, 4m, contextWindow: 1_000_000, capabilities: ["Tools", "Json", "Vision"]),
        Card("deepseek", "d-advanced", ModelTier.Advanced, 2m, 8m, contextWindow: 1_000_000, capabilities: ["Tools", "Json"]),
        Card("kimi", "k-advanced", ModelTier.Advanced, 6m, 27m, contextWindow: 256_000, capabilities: ["Tools", "Json", "Vision"]),
        Card("kimi", "k-flagship", ModelTier.Flagship, 20m, 100m, contextWindow: 1_000_000, capabilities: ["Tools", "Json", "Vision"]));

    public static (CostAwareChatClient Router, Dictionary<string, ScriptedChatClient> Providers, FakeTimeProvider Time) Router(
        ModelCatalog? catalog = null,
        RoutingOptions? options = null,
        DateTimeOffset? now = null,
        ISpendLedger? ledger = null,
        IProviderHealth? health = null,
        params string[] providers)
    {
        catalog ??= ThreeProviders();
        var keys = providers.Length > 0 ? providers : catalog.Models.Select(m => m.Provider!).Distinct().ToArray();
        var clients = keys.ToDictionary(k => k, k => new ScriptedChatClient(k));
        var time = new FakeTimeProvider(now ?? OffPeak);
        var router = new CostAwareChatClient(
            clients.ToDictionary(c => c.Key, c => (IChatClient)c.Value),
            RouterSettings.FromValidated(catalog, options ?? new RoutingOptions()),
            time,
            ledger,
            health,
            loggerFactory: null,
            requireProviders: true);
        return (router, clients, time);
    }

    public static List<ChatMessage> Hello => [new(ChatRole.User, "你好")];
}
