using System.Globalization;
using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The precomputed route table must choose exactly the model the planner puts first, whatever the catalog, providers,
/// cooldowns, request and time: it is the same decision, made faster.
/// </summary>
public sealed class RouteTableTests
{
    private static readonly string[] ProviderPool = ["qwen", "ernie", "doubao", "hunyuan", "kimi", "deepseek"];
    private static readonly string[] CapabilityPool = ["Tools", "Vision", "Reasoning", "Json"];
    private static readonly string[] DayPool = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] TimeZones = ["Asia/Shanghai", "UTC", "America/New_York"];
    private static readonly AIFunctionDeclaration Weather = AIFunctionFactory.CreateDeclaration(
        "weather", "Weather.", System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement);

    [Theory]
    [InlineData(1)]
    [InlineData(20261124)]
    [InlineData(99)]
    public void Choose_RandomCatalogsAndRequests_MatchesThePlannersFirstCandidate(int seed)
    {
        var random = new Random(seed);
        var decided = 0;
        for (var round = 0; round < 400; round++)
        {
            var cards = Enumerable.Range(0, random.Next(1, 20)).Select(i => RandomCard(random, i)).ToList();
            var catalog = ModelCatalog.Create(new CatalogDocument { AsOf = new DateOnly(2026, 11, 23), Models = cards }, overrides: null);
            var enabled = ProviderPool.Where(_ => random.NextDouble() < 0.7).DefaultIfEmpty("kimi").ToArray();
            var cooldowns = enabled.Where(_ => random.NextDouble() < 0.2)
                .ToDictionary(p => p, p => new ProviderCooldown(p, LlmErrorKind.RateLimited, DateTimeOffset.MaxValue));
            var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 7 * 24 * 60));
            var settings = RouterSettings.FromValidated(catalog, new RoutingOptions
            {
                DefaultTier = (ModelTier)random.Next(0, 4),
                ExpectedOutputTokens = random.Next(1, 5) * 600,
            });
            var (messages, options) = RandomRequest(random);

            decided += AssertSameChoice(settings, enabled, messages, options, now, cooldowns, $"seed {seed} round {round}");
        }

        Assert.True(decided > 150, $"only {decided} rounds had an eligible model");
    }

    [Fact]
    public void Choose_EmbeddedCatalogAcrossAWeek_MatchesThePlannersFirstCandidate()
    {
        // The real catalog: DeepSeek's Beijing peak-hour windows, Qwen's price bands, every provider configured.
        var settings = RouterSettings.FromValidated(ModelCatalog.Embedded, new RoutingOptions());
        var providers = ModelCatalog.Embedded.Models.Select(m => m.Provider!).Distinct().ToArray();
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        var table = new RouteTable(settings.Catalog, providers);
        var decided = 0;
        for (var seconds = 0; seconds < 7 * 24 * 60 * 60; seconds += 37 * 60 + 11)
        {
            // One table for the whole week: its cached local clock must follow the time, to the second around 12:00.
            foreach (var at in new[] { start.AddSeconds(seconds), start.AddSeconds(seconds + 1), start.AddSeconds(seconds + 59) })
            {
                foreach (var tier in Enum.GetValues<ModelTier>())
                {
                    var options = new ChatOptions().WithTier(tier);
                    decided += AssertSameChoice(settings, providers, [new(ChatRole.User, "写一个C语言程序，输入两个整数，输出它们的和。")], options, at, null, $"{tier} at {at:O}", table);
                }
            }
        }

        // Across the end of DeepSeek's 09:00-12:00 Beijing peak window, second by second.
        var noon = new DateTimeOffset(2026, 11, 24, 11, 59, 58, TimeSpan.FromHours(8));
        for (var s = 0; s < 4; s++)
        {
            decided += AssertSameChoice(settings, providers, [new(ChatRole.User, "你好")], new ChatOptions().WithTier(ModelTier.Advanced), noon.AddSeconds(s), null, $"noon +{s}s", table);
        }

        Assert.True(decided > 0);
    }

    [Fact]
    public void Choose_NoEligibleModel_ReturnsNull()
    {
        var catalog = RouterTestCatalog.ThreeProviders();
        var table = new RouteTable(catalog, ["qwen", "deepseek", "kimi"]);

        var kimiCooling = new Dictionary<string, ProviderCooldown> { ["kimi"] = new("kimi", LlmErrorKind.RateLimited, DateTimeOffset.MaxValue) };

        Assert.Equal("k-flagship", table.Choose(ModelTier.Flagship, ModelCapabilities.None, 100, 100, thinking: false, maxOutputTokens: null, RouterTestCatalog.OffPeak, cooldowns: null)?.Id);
        Assert.Null(table.Choose(ModelTier.Flagship, ModelCapabilities.None, 100, 100, thinking: false, maxOutputTokens: null, RouterTestCatalog.OffPeak, kimiCooling));
        Assert.Null(table.Choose(ModelTier.Lite, ModelCapabilities.Reasoning, 100, 100, thinking: false, maxOutputTokens: null, RouterTestCatalog.OffPeak, cooldowns: null));
        Assert.Null(table.Choose(ModelTier.Lite, ModelCapabilities.None, 2_000_000, 100, thinking: false, maxOutputTokens: null, RouterTestCatalog.OffPeak, cooldowns: null));
        Assert.Equal("q-lite", table.Choose(ModelTier.Lite, ModelCapabilities.Tools, 100, 100, thinking: false, maxOutputTokens: null, RouterTestCatalog.OffPeak, cooldowns: null)?.Id);
    }

    [Fact]
    public void Count_LeavesOutUnconfiguredProvidersAndUnpricedModels()
    {
        var catalog = RouterTestCatalog.CatalogOf(
            RouterTestCatalog.Card("qwen", "priced", ModelTier.Lite, 1m, 2m),
            new ModelCard { Provider = "qwen", Id = "unpriced", Tier = ModelTier.Lite, Source = "test" },
            RouterTestCatalog.Card("kimi", "other-provider", ModelTier.Lite, 1m, 2m));

        Assert.Equal(1, new RouteTable(catalog, ["qwen"]).Count);
    }

    /// <returns>1 when a model was chosen, 0 when none was eligible.</returns>
    private static int AssertSameChoice(
        RouterSettings settings,
        string[] providers,
        List<ChatMessage> messages,
        ChatOptions options,
        DateTimeOffset now,
        Dictionary<string, ProviderCooldown>? cooldowns,
        string context,
        RouteTable? table = null)
    {
        var clients = providers.ToDictionary(p => p, p => (IChatClient)new ScriptedChatClient(p));
        var plan = RoutePlanner.Plan(settings, clients, messages, options, now, cooldowns ?? []);
        table ??= new RouteTable(settings.Catalog, providers);

        var chosen = table.Choose(plan.Tier, plan.Required, plan.InputTokens, plan.OutputTokens, plan.Thinking, options.MaxOutputTokens, now, cooldowns);

        var expected = plan.Eligible.Count > 0 ? plan.Eligible[0].Card : null;
        Assert.True(ReferenceEquals(expected, chosen), $"{context}: planner {expected?.ToString() ?? "none"}, table {chosen?.ToString() ?? "none"}");
        return expected is null ? 0 : 1;
    }

    private static ModelCard RandomCard(Random random, int index)
    {
        var card = new ModelCard
        {
            Provider = ProviderPool[random.Next(ProviderPool.Length)],
            Id = "m" + index.ToString(CultureInfo.InvariantCulture),
            Tier = (ModelTier)random.Next(0, 4),
            ContextWindow = Pick<int?>(random, null, 300, 2_000, 32_000, 1_000_000),
            MaxOutputTokens = Pick<int?>(random, null, 1_000, 8_192, 65_536),
            Capabilities = CapabilityPool.Where(_ => random.NextDouble() < 0.6).ToList(),
            Source = "random",
        };

        var priceKind = random.NextDouble();
        if (priceKind < 0.1)
        {
            return card; // unpriced
        }

        // Few distinct prices, so that equal estimates (and the tie-breaks) happen often; 0.3 and 0.1 are inexact in binary.
        decimal Price() => Pick(random, 0m, 0.1m, 0.3m, 0.5m, 1m, 1m, 2m, 4m, 8m);
        if (priceKind < 0.4)
        {
            var bandCount = random.Next(1, 4);
            var max = 0;
            for (var b = 0; b < bandCount; b++)
            {
                max += Pick(random, 40, 200, 1_000, 50_000);
                card.Bands.Add(new PriceBand
                {
                    MaxInputTokens = max,
                    InputPerMillion = Price(),
                    OutputPerMillion = Price(),
                    ThinkingOutputPerMillion = random.NextDouble() < 0.3 ? Price() : null,
                });
            }
        }
        else
        {
            card.InputPerMillion = Price();
            card.OutputPerMillion = Price();
            card.ThinkingOutputPerMillion = random.NextDouble() < 0.3 ? Price() : null;
        }

        for (var w = random.Next(0, 3); w > 0; w--)
        {
            var start = random.Next(0, 24);
            var end = random.Next(0, 25);
            card.TimeWindows.Add(new PriceTimeWindow
            {
                Days = DayPool.Where(_ => random.NextDouble() < 0.5).ToList(),
                Start = start.ToString("00", CultureInfo.InvariantCulture) + ":" + Pick(random, "00", "30"),
                End = end == start ? "24:00" : end.ToString("00", CultureInfo.InvariantCulture) + ":00",
                TimeZone = Pick(random, TimeZones),
                Multiplier = Pick(random, 0.5m, 0.75m, 2m, 3m),
            });
        }

        return card;
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) RandomRequest(Random random)
    {
        var text = string.Concat(Enumerable.Repeat("今天北京天气很好，适合出去散步。", random.Next(1, 150)));
        var contents = new List<AIContent> { new TextContent(text) };
        if (random.NextDouble() < 0.2)
        {
            contents.Add(new DataContent(new byte[] { 137, 80, 78, 71 }, "image/png"));
        }

        var options = new ChatOptions();
        if (random.NextDouble() < 0.3)
        {
            options.Tools = [Weather];
        }

        if (random.NextDouble() < 0.2)
        {
            options.ResponseFormat = ChatResponseFormat.Json;
        }

        if (random.NextDouble() < 0.3)
        {
            options.MaxOutputTokens = Pick(random, 100, 5_000, 40_000);
        }

        if (random.NextDouble() < 0.3)
        {
            options.Reasoning = new ReasoningOptions { Effort = Pick(random, ReasoningEffort.None, ReasoningEffort.Low, ReasoningEffort.High) };
        }

        if (random.NextDouble() < 0.5)
        {
            options = options.WithTier((ModelTier)random.Next(0, 4));
        }

        return ([new ChatMessage(ChatRole.User, contents)], options);
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
