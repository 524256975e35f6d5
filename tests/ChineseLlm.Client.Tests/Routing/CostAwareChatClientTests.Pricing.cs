using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    /// <summary>Monday 2026-11-23 10:00 Beijing (02:00 UTC): inside DeepSeek's morning peak window.</summary>
    private static readonly DateTimeOffset MondayPeak = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static ModelCard PeakPriced(string provider, string id, decimal input, decimal output)
    {
        var card = Card(provider, id, ModelTier.Standard, input, output);
        card.TimeWindows =
        [
            new PriceTimeWindow { Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], Start = "09:00", End = "12:00", Multiplier = 3m },
        ];
        return card;
    }

    [Fact]
    public async Task GetResponseAsync_PeakWindowOpen_RoutesByPeakPriceAndBillsIt()
    {
        var catalog = CatalogOf(PeakPriced("deepseek", "peaky", 1m, 1m), Card("qwen", "flat", ModelTier.Standard, 2m, 2m));
        var (offPeakRouter, _, _) = Router(catalog, now: OffPeak);
        var (peakRouter, _, _) = Router(catalog, now: MondayPeak);

        var offPeak = await offPeakRouter.GetResponseAsync(Hello);
        var peak = await peakRouter.GetResponseAsync(Hello);

        Assert.Equal(("peaky", 1_500m / 1_000_000m), (offPeak.ModelId, offPeak.GetCost()));
        Assert.Equal(("flat", 3_000m / 1_000_000m), (peak.ModelId, peak.GetCost()));
        var offPeakEstimate = offPeak.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "peaky").EstimatedCost;
        var peakEstimate = peak.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "peaky").EstimatedCost;
        Assert.Equal(3 * offPeakEstimate, peakEstimate);
        Assert.Equal(["flat", "peaky"], peak.GetRoutingDecision()!.Candidates.Select(c => c.ModelId));
    }

    [Fact]
    public async Task GetResponseAsync_CostIsPricedAtTheCallsStartTime()
    {
        var catalog = CatalogOf(PeakPriced("deepseek", "peaky", 1m, 1m));
        var (router, providers, time) = Router(catalog, now: new DateTimeOffset(2026, 11, 23, 0, 59, 59, TimeSpan.Zero)); // 08:59:59 Beijing
        providers["deepseek"].OnResponse = (_, o, _) =>
        {
            time.Advance(TimeSpan.FromMinutes(10)); // the answer arrives inside the peak window
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500 } });
        };

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal(1_500m / 1_000_000m, response.GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_CachedAndReasoningTokens_PricedByTheCatalogRules()
    {
        var catalog = CatalogOf(Card("deepseek", "cached", ModelTier.Standard, 1m, 4m, cachedInput: 0.02m));
        var (router, providers, _) = Router(catalog);
        providers["deepseek"].Usage = new UsageDetails { InputTokenCount = 324, CachedInputTokenCount = 192, OutputTokenCount = 58, ReasoningTokenCount = 20, TotalTokenCount = 382 };

        var response = await router.GetResponseAsync(Hello);

        // (324 − 192) × 1 + 192 × 0.02 + 58 × 4 = 367.84 per million; reasoning is inside the 58 output tokens.
        Assert.Equal(0.00036784m, response.GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_EmbeddedCatalogDeepSeekFlash_PeakCostsTwiceOffPeak()
    {
        var routing = new RoutingOptions { DefaultTier = ModelTier.Advanced };
        var (offPeakRouter, offPeakProviders, _) = Router(ModelCatalog.Embedded, routing, now: OffPeak, providers: ["deepseek"]);
        var (peakRouter, peakProviders, _) = Router(ModelCatalog.Embedded, routing, now: MondayPeak, providers: ["deepseek"]);
        var usage = new UsageDetails { InputTokenCount = 324, CachedInputTokenCount = 192, OutputTokenCount = 58, TotalTokenCount = 382 };
        offPeakProviders["deepseek"].Usage = usage;
        peakProviders["deepseek"].Usage = usage;

        var offPeak = await offPeakRouter.GetResponseAsync(Hello);
        var peak = await peakRouter.GetResponseAsync(Hello);

        // deepseek-flash: 1 / 0.02 / 4 CNY per million off-peak, twice that 09:00–12:00 and 14:00–18:00 Beijing on weekdays.
        Assert.Equal(("deepseek-flash", 0.00036784m), (offPeak.ModelId, offPeak.GetCost()));
        Assert.Equal(("deepseek-flash", 0.00073568m), (peak.ModelId, peak.GetCost()));
    }

    /// <summary>The example decision in the README's Router section (embedded catalog of 2026-12-01), kept true by this test.</summary>
    [Theory]
    [InlineData(true, "hy4-flash:0.0020545 deepseek-flash:0.008218 hy4:0.01851", "0.027765")]
    [InlineData(false, "hy4-flash:0.0020545 deepseek-flash:0.004109 deepseek-v4-pro:0.0138825", "0.0138825")]
    public async Task GetResponseAsync_ReadmeExample_StandardGoesToHy4FlashWithTheseEstimates(bool weekdayPeak, string cheapestThree, string deepSeekPro)
    {
        var (router, _, _) = Router(ModelCatalog.Embedded, now: weekdayPeak ? MondayPeak : OffPeak, providers: ["deepseek", "kimi", "hunyuan"]);

        var response = await router.GetResponseAsync([new(ChatRole.User, "用一句话介绍你自己")], new ChatOptions().WithTier(ModelTier.Standard));

        var decision = response.GetRoutingDecision()!;
        Assert.Equal((13, 1_024), (decision.EstimatedInputTokens, decision.EstimatedOutputTokens));
        Assert.Equal(("hunyuan", "hy4-flash"), (decision.Provider, decision.ModelId));
        Assert.Equal(cheapestThree, string.Join(" ", decision.Candidates.Take(3).Select(c => $"{c.ModelId}:{c.EstimatedCost}")));
        Assert.Equal(decimal.Parse(deepSeekPro, System.Globalization.CultureInfo.InvariantCulture), decision.Candidates.Single(c => c.ModelId == "deepseek-v4-pro").EstimatedCost);
        Assert.Equal(0.0277325m, decision.Candidates.Single(c => c.ModelId == "kimi-k2.6").EstimatedCost);
        Assert.Equal(RoutingSkipReason.PriceUnknown, decision.Candidates.Single(c => c.ModelId == "hy3-preview").SkipReason);
        Assert.Equal(RoutingSkipReason.TierTooLow, decision.Candidates.Single(c => c.ModelId == "hunyuan-lite").SkipReason);
        var turboS = decision.Candidates.Single(c => c.ModelId == "hunyuan-turbos-latest");
        Assert.Equal((RoutingSkipReason.Retired, "retired 2026-05-31", 0.0020584m), (turboS.SkipReason!.Value, turboS.SkipDetail, turboS.EstimatedCost!.Value));
    }
}
