using System.Globalization;
using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static readonly string[] ProviderPool = ["qwen", "ernie", "doubao", "hunyuan", "kimi", "deepseek"];
    private static readonly string[] CapabilityPool = ["Tools", "Vision", "Reasoning", "Json"];
    private static readonly string[] DayPool = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>
    /// Brute force: over seeded random catalogs (prices, bands, peak windows, unpriced models, capabilities, context
    /// windows), provider sets, cooldowns and requests, the router calls exactly the model an independent oracle picks:
    /// the cheapest eligible one, ties to the higher tier, then provider, then model id.
    /// </summary>
    [Theory]
    [InlineData(20261123)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task GetResponseAsync_RandomCatalogsAndRequests_AlwaysCallsTheCheapestEligibleModel(int seed)
    {
        var random = new Random(seed);
        var checkedChoices = 0;
        for (var round = 0; round < 300; round++)
        {
            var cards = Enumerable.Range(0, random.Next(1, 14)).Select(i => RandomCard(random, i)).ToList();
            var catalog = ModelCatalog.Create(new CatalogDocument { AsOf = new DateOnly(2026, 11, 23), Models = cards }, overrides: null);
            var enabled = ProviderPool.Where(_ => random.NextDouble() < 0.6).DefaultIfEmpty("kimi").ToArray();
            var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 7 * 24 * 60));
            var time = new FakeTimeProvider(now);
            var health = new InMemoryProviderHealth(time);
            var cooling = enabled.Where(_ => random.NextDouble() < 0.2).ToHashSet();
            foreach (var provider in cooling)
            {
                await health.StartCooldownAsync(provider, LlmErrorKind.QuotaExceeded, TimeSpan.FromMinutes(1));
            }

            var routing = new RoutingOptions
            {
                DefaultTier = (ModelTier)random.Next(0, 4),
                ExpectedOutputTokens = random.Next(1, 5) * 600,
            };
            var (messages, options) = RandomRequest(random);
            var clients = enabled.ToDictionary(p => p, p => new ScriptedChatClient(p));
            using var router = new CostAwareChatClient(
                clients.ToDictionary(c => c.Key, c => (IChatClient)c.Value), RouterSettings.FromValidated(catalog, routing), time, null, health, null, requireProviders: true);

            var expected = Oracle(catalog, enabled, cooling, routing, messages, options, now);
            var context = $"seed {seed} round {round}: expected {expected?.ToString() ?? "none"}";
            if (expected is null)
            {
                var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(messages, options));
                Assert.True(ex.Kind is LlmErrorKind.ModelNotFound or LlmErrorKind.QuotaExceeded, context + ": " + ex.Message);
                Assert.All(clients.Values, c => Assert.Empty(c.Calls));
                continue;
            }

            var response = await router.GetResponseAsync(messages, options);
            var called = clients.Values.SelectMany(c => c.Calls.Select(m => c.Provider + "/" + m)).ToList();
            Assert.True(called.Count == 1 && called[0] == expected.ToString(), $"{context}, called {string.Join(", ", called)}");
            Assert.Equal(expected.Provider, response.GetProvider());
            checkedChoices++;
        }

        Assert.True(checkedChoices > 100, $"only {checkedChoices} rounds had an eligible model");
    }

    /// <summary>The specification, written out independently of the router: filter, estimate, take the minimum.</summary>
    private static ModelCard? Oracle(
        ModelCatalog catalog, string[] enabled, HashSet<string> cooling, RoutingOptions routing, List<ChatMessage> messages, ChatOptions options, DateTimeOffset now)
    {
        var tier = options.GetTier() ?? routing.DefaultTier;
        var needs = ModelCapabilities.None;
        if (options.Tools is { Count: > 0 })
        {
            needs |= ModelCapabilities.Tools;
        }

        if (options.ResponseFormat is ChatResponseFormatJson)
        {
            needs |= ModelCapabilities.Json;
        }

        if (messages.SelectMany(m => m.Contents).Any(c => c is DataContent { MediaType: "image/png" }))
        {
            needs |= ModelCapabilities.Vision;
        }

        var input = TokenEstimator.Shared.EstimateInputTokens(messages, options);
        long output = options.MaxOutputTokens ?? routing.ExpectedOutputTokens;
        var thinking = options.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None;

        ModelCard? best = null;
        decimal bestCost = 0;
        foreach (var card in catalog.Models)
        {
            if (!enabled.Contains(card.Provider) || cooling.Contains(card.Provider!) || card.Tier < tier || !card.IsRoutable
                || (card.CapabilityFlags & needs) != needs
                || (card.ContextWindow is { } window && input + output > window)
                || (options.MaxOutputTokens is { } max && card.MaxOutputTokens is { } cardMax && max > cardMax)
                || CostCalculator.Estimate(card, input, output, now, thinking: thinking) is not { } cost)
            {
                continue;
            }

            if (best is null || cost < bestCost
                || (cost == bestCost && (card.Tier > best.Tier
                    || (card.Tier == best.Tier && (string.CompareOrdinal(card.Provider, best.Provider) < 0
                        || (card.Provider == best.Provider && string.CompareOrdinal(card.Id, best.Id) < 0))))))
            {
                best = card;
                bestCost = cost;
            }
        }

        return best;
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
        if (priceKind < 0.15)
        {
            return card; // unpriced
        }

        // Few distinct prices, so that equal estimates (and the tie-break) happen often.
        decimal Price() => Pick(random, 0m, 0.5m, 1m, 1m, 2m, 4m, 8m);
        if (priceKind < 0.45)
        {
            var bandCount = random.Next(1, 4);
            var max = 0;
            for (var b = 0; b < bandCount; b++)
            {
                max += Pick(random, 40, 200, 1_000, 50_000);
                card.Bands.Add(new PriceBand { MaxInputTokens = max, InputPerMillion = Price(), OutputPerMillion = Price(), CachedInputPerMillion = random.NextDouble() < 0.5 ? 0.1m : null });
            }
        }
        else
        {
            card.InputPerMillion = Price();
            card.OutputPerMillion = Price();
            card.ThinkingOutputPerMillion = random.NextDouble() < 0.2 ? Price() : null;
        }

        if (random.NextDouble() < 0.3)
        {
            var start = random.Next(0, 23);
            card.TimeWindows.Add(new PriceTimeWindow
            {
                Days = DayPool.Where(_ => random.NextDouble() < 0.5).ToList(),
                Start = start.ToString("00", CultureInfo.InvariantCulture) + ":00",
                End = random.Next(start + 1, 25).ToString("00", CultureInfo.InvariantCulture) + ":00",
                Multiplier = Pick(random, 0.5m, 2m, 3m),
            });
        }

        return card;
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) RandomRequest(Random random)
    {
        var text = string.Concat(Enumerable.Repeat("今天北京天气很好，适合出去散步。", random.Next(1, 120)));
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

        if (random.NextDouble() < 0.2)
        {
            options.Reasoning = new ReasoningOptions { Effort = Pick(random, ReasoningEffort.None, ReasoningEffort.High) };
        }

        if (random.NextDouble() < 0.5)
        {
            options.WithTier((ModelTier)random.Next(0, 4));
        }

        return ([new ChatMessage(ChatRole.User, contents)], options);
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
