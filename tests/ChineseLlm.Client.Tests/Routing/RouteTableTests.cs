using System.Globalization;
using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using ProtocolCapabilities = ChineseLlm.Client.Http.ProtocolCapabilities;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The route table must choose exactly the model the planner puts first, whatever the catalog, providers, protocols,
/// request and time: it is the same decision, made without building the plan. And a call the table started must end
/// with the decision the plan would have given.
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
    [InlineData(20261202)]
    public void Choose_RandomCatalogsAndRequests_MatchesThePlannersFirstCandidate(int seed)
    {
        var random = new Random(seed);
        var decided = 0;
        for (var round = 0; round < 400; round++)
        {
            var cards = Enumerable.Range(0, random.Next(1, 20)).Select(i => RandomCard(random, i)).ToList();
            var catalog = ModelCatalog.Create(new CatalogDocument { AsOf = new DateOnly(2026, 11, 23), Models = cards }, overrides: null);
            var enabled = ProviderPool.Where(_ => random.NextDouble() < 0.7).DefaultIfEmpty("kimi").ToArray();

            // Some providers' protocols drop a capability the rows claim (Hunyuan native sends no images, say).
            var protocols = enabled.Where(_ => random.NextDouble() < 0.4).ToDictionary(
                p => p,
                p => new ProtocolCapabilities(p + " protocol", (ModelCapabilities)random.Next(0, 16), SendsJsonSchema: false));
            var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 7 * 24 * 60));
            var settings = RouterSettings.FromValidated(catalog, new RoutingOptions
            {
                DefaultTier = (ModelTier)random.Next(0, 4),
                ExpectedOutputTokens = random.Next(1, 5) * 600,
            });
            var (messages, options) = RandomRequest(random);

            decided += AssertSameChoice(settings, Clients(enabled), protocols, messages, options, now, $"seed {seed} round {round}");
        }

        Assert.True(decided > 150, $"only {decided} rounds had an eligible model");
    }

    [Fact]
    public void Choose_EmbeddedCatalogAcrossAWeek_MatchesThePlannersFirstCandidate()
    {
        // The real catalog: DeepSeek's Beijing peak-hour windows, Qwen's price bands, retired rows, every provider configured.
        var settings = RouterSettings.FromValidated(ModelCatalog.Embedded, new RoutingOptions());
        var providers = ModelCatalog.Embedded.Models.Select(m => m.Provider!).Distinct().ToArray();
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        var clients = Clients(providers);
        var table = new RouteTable(settings.Catalog, clients, protocols: null);
        var decided = 0;
        for (var seconds = 0; seconds < 7 * 24 * 60 * 60; seconds += 37 * 60 + 11)
        {
            // One table for the whole week: its cached local clock must follow the time, to the second.
            foreach (var at in new[] { start.AddSeconds(seconds), start.AddSeconds(seconds + 1), start.AddSeconds(seconds + 59) })
            {
                foreach (var tier in Enum.GetValues<ModelTier>())
                {
                    var options = new ChatOptions().WithTier(tier);
                    decided += AssertSameChoice(settings, clients, null, [new(ChatRole.User, "写一个C语言程序，输入两个整数，输出它们的和。")], options, at, $"{tier} at {at:O}", table);
                }
            }
        }

        // Across the end of DeepSeek's peak window and across a Beijing midnight (retirement dates), second by second.
        foreach (var edge in new[] { new DateTimeOffset(2026, 11, 24, 11, 59, 58, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 11, 30, 23, 59, 58, TimeSpan.FromHours(8)) })
        {
            for (var s = 0; s < 4; s++)
            {
                decided += AssertSameChoice(settings, clients, null, [new(ChatRole.User, "你好")], new ChatOptions().WithTier(ModelTier.Advanced), edge.AddSeconds(s), $"{edge:O} +{s}s", table);
            }
        }

        Assert.True(decided > 1_000, $"only {decided} decisions");
    }

    [Fact]
    public void Choose_RetiredOnTheBeijingDate_LeavesTheRowOutFromBeijingMidnight()
    {
        var cheap = RouterTestCatalog.Card("qwen", "old-cheap", ModelTier.Lite, 0.1m, 0.1m);
        cheap.Retired = new DateOnly(2026, 12, 1);
        var catalog = RouterTestCatalog.CatalogOf(cheap, RouterTestCatalog.Card("qwen", "current", ModelTier.Lite, 1m, 1m));
        var table = new RouteTable(catalog, Clients(["qwen"]), protocols: null);
        var request = new RouteRequest(ModelTier.Lite, ModelCapabilities.None, 10, 10, Thinking: false, PinnedModelId: null, MaxOutputTokens: null);

        // 2026-12-01 00:00 in Beijing is 2026-11-30 16:00 UTC.
        Assert.Equal("old-cheap", table.Choose(request, new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero))?.Card.Id);
        Assert.Equal("current", table.Choose(request, new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero))?.Card.Id);
    }

    [Fact]
    public void Choose_CapabilityTheProtocolDoesNotSend_LeavesTheProviderOut()
    {
        var catalog = RouterTestCatalog.CatalogOf(
            RouterTestCatalog.Card("hunyuan", "h-vision", ModelTier.Lite, 0.1m, 0.1m, capabilities: ["Vision"]),
            RouterTestCatalog.Card("qwen", "q-vision", ModelTier.Lite, 1m, 1m, capabilities: ["Vision"]));
        var clients = Clients(["hunyuan", "qwen"]);
        var request = new RouteRequest(ModelTier.Lite, ModelCapabilities.Vision, 10, 10, Thinking: false, PinnedModelId: null, MaxOutputTokens: null);
        var noImages = new Dictionary<string, ProtocolCapabilities> { ["hunyuan"] = new("Hunyuan native", ModelCapabilities.Tools, SendsJsonSchema: false) };

        Assert.Equal("h-vision", new RouteTable(catalog, clients, protocols: null).Choose(request, RouterTestCatalog.OffPeak)?.Card.Id);
        Assert.Equal("q-vision", new RouteTable(catalog, clients, noImages).Choose(request, RouterTestCatalog.OffPeak)?.Card.Id);
    }

    [Fact]
    public void Choose_NoEligibleModel_ReturnsNull()
    {
        var table = new RouteTable(RouterTestCatalog.ThreeProviders(), Clients(["qwen", "deepseek", "kimi"]), protocols: null);
        RouteRequest Request(ModelTier tier, ModelCapabilities required, long input) => new(tier, required, input, 100, Thinking: false, PinnedModelId: null, MaxOutputTokens: null);

        Assert.Equal("k-flagship", table.Choose(Request(ModelTier.Flagship, ModelCapabilities.None, 100), RouterTestCatalog.OffPeak)?.Card.Id);
        Assert.Null(table.Choose(Request(ModelTier.Lite, ModelCapabilities.Reasoning, 100), RouterTestCatalog.OffPeak));
        Assert.Null(table.Choose(Request(ModelTier.Lite, ModelCapabilities.None, 2_000_000), RouterTestCatalog.OffPeak));
        Assert.Equal("q-lite", table.Choose(Request(ModelTier.Lite, ModelCapabilities.Tools, 100), RouterTestCatalog.OffPeak)?.Card.Id);
    }

    [Fact]
    public void Count_LeavesOutUnconfiguredProvidersAndUnpricedModels()
    {
        var catalog = RouterTestCatalog.CatalogOf(
            RouterTestCatalog.Card("qwen", "priced", ModelTier.Lite, 1m, 2m),
            new ModelCard { Provider = "qwen", Id = "unpriced", Tier = ModelTier.Lite, Source = "test" },
            RouterTestCatalog.Card("kimi", "other-provider", ModelTier.Lite, 1m, 2m));

        Assert.Equal(1, new RouteTable(catalog, Clients(["qwen"]), protocols: null).Count);
    }

    [Fact]
    public async Task Router_AnsweredByTheTablesChoice_ReportsThePlansCandidates()
    {
        var (router, providers, time) = RouterTestCatalog.Router();
        var options = new ChatOptions().WithTier(ModelTier.Standard);

        var response = await router.GetResponseAsync(RouterTestCatalog.Hello, options);

        var decision = response.GetRoutingDecision()!;
        var plan = RoutePlanner.Plan(router.Settings, Clients(["qwen", "deepseek", "kimi"]), RouteRequest.Of(router.Settings, RouterTestCatalog.Hello, options), time.GetUtcNow(), new Dictionary<string, ProviderCooldown>());
        Assert.Equal(
            plan.Eligible.Concat(plan.Skipped).Select(c => c.ToPublic().ToString()),
            decision.Candidates.Select(c => c.ToString()));
        Assert.Equal(plan.Eligible[0].Estimate, decision.Attempts.Single().EstimatedCost);
        Assert.Equal(["q-standard"], providers["qwen"].Calls);
    }

    [Fact]
    public async Task Router_TablesChoiceFails_TriesThePlansNextCandidatesAndNeverTheFirstAgain()
    {
        var (router, providers, _) = RouterTestCatalog.Router();
        providers["qwen"].OnResponse = (_, _, _) => throw new ChineseLlmException("qwen", LlmErrorKind.ServerError, "busy");
        providers["deepseek"].OnResponse = (_, _, _) => throw new ChineseLlmException("deepseek", LlmErrorKind.RateLimited, "slow down");

        var response = await router.GetResponseAsync(RouterTestCatalog.Hello, new ChatOptions().WithTier(ModelTier.Standard));

        // Cost order at Standard: q-standard (the table's choice), d-standard, d-advanced, k-advanced, k-flagship.
        Assert.Equal(["q-standard"], providers["qwen"].Calls);
        Assert.Equal(["d-standard", "d-advanced"], providers["deepseek"].Calls);
        Assert.Equal(["k-advanced"], providers["kimi"].Calls);
        var decision = response.GetRoutingDecision()!;
        Assert.Equal(["qwen/q-standard", "deepseek/d-standard", "deepseek/d-advanced", "kimi/k-advanced"], decision.Attempts.Select(a => a.Provider + "/" + a.ModelId));
        Assert.Equal(["q-standard", "d-standard", "d-advanced", "k-advanced", "k-flagship"], decision.Candidates.Where(c => c.IsEligible).Select(c => c.ModelId));
    }

    /// <returns>1 when a model was chosen, 0 when none was eligible.</returns>
    private static int AssertSameChoice(
        RouterSettings settings,
        Dictionary<string, IChatClient> clients,
        Dictionary<string, ProtocolCapabilities>? protocols,
        List<ChatMessage> messages,
        ChatOptions options,
        DateTimeOffset now,
        string context,
        RouteTable? table = null)
    {
        var request = RouteRequest.Of(settings, messages, options);
        var plan = RoutePlanner.Plan(settings, clients, request, now, new Dictionary<string, ProviderCooldown>(), protocols);
        table ??= new RouteTable(settings.Catalog, clients, protocols);

        var chosen = table.Choose(request, now);

        var expected = plan.Eligible.Count > 0 ? plan.Eligible[0].Card : null;
        Assert.True(ReferenceEquals(expected, chosen?.Card), $"{context}: planner {expected?.ToString() ?? "none"}, table {chosen?.Card.ToString() ?? "none"}");
        if (chosen is not null)
        {
            Assert.Same(clients[chosen.Card.Provider!], chosen.Client);
        }

        return expected is null ? 0 : 1;
    }

    private static Dictionary<string, IChatClient> Clients(IEnumerable<string> providers)
        => providers.ToDictionary(p => p, p => (IChatClient)new ScriptedChatClient(p));

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

        if (random.NextDouble() < 0.2)
        {
            // Retired on a Beijing date within the week the requests fall in (some before, some after "now").
            card.Retired = new DateOnly(2026, 11, 22).AddDays(random.Next(0, 9));
            card.ReplacedBy = "m-next";
        }

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
                var inputPrice = Price();
                var outputPrice = Price();
                if (random.NextDouble() < 0.3)
                {
                    // A band for short outputs, then the same input range for longer ones (the catalog requires both).
                    card.Bands.Add(new PriceBand { MaxInputTokens = max, MaxOutputTokens = Pick(random, 500, 2_000, 10_000), InputPerMillion = inputPrice, OutputPerMillion = outputPrice });
                    outputPrice *= 2;
                }

                card.Bands.Add(new PriceBand
                {
                    MaxInputTokens = max,
                    InputPerMillion = inputPrice,
                    OutputPerMillion = outputPrice,
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
