using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Catalog;

public class CostCalculatorTests
{
    // 2026-11-23 is a Monday; 2026-11-28 a Saturday. Times are Beijing (+08:00) unless stated otherwise.
    private static readonly DateTimeOffset MondayOffPeak = new(2026, 11, 23, 20, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset MondayPeak = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private static ModelCard Card(string provider, string id) => ModelCatalog.Embedded.Find(provider, id)
        ?? throw new InvalidOperationException($"{provider}/{id} is missing from the embedded catalog");

    [Fact]
    public void Calculate_QwenPlusFirstBand_MatchesPricingGuideExample()
    {
        // pricing guide: qwen-plus, 100,000 input and 30,000 output tokens = 0.08 + 0.06 = 0.14 CNY.
        var usage = new UsageDetails { InputTokenCount = 100_000, OutputTokenCount = 30_000 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen-plus"), usage, MondayPeak);

        Assert.Equal(0.14m, cost);
    }

    [Fact]
    public void Calculate_QwenPlusSecondBand_BillsWholeRequestAtThatBand()
    {
        // 200,000 input tokens fall in (128K, 256K]: 2.4 in, 20 out for every token of the request.
        var usage = new UsageDetails { InputTokenCount = 200_000, OutputTokenCount = 1_000 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen-plus"), usage, MondayPeak);

        Assert.Equal((200_000m * 2.4m + 1_000m * 20m) / 1_000_000m, cost);
        Assert.Equal(0.5m, cost);
    }

    [Theory]
    [InlineData(128_000, 0.8)] // last token of the first band (Bailian's K = 1,000)
    [InlineData(128_001, 2.4)] // first token of the second band
    [InlineData(131_072, 2.4)] // priced one band too low while the catalog assumed K = 1,024
    [InlineData(256_000, 2.4)]
    [InlineData(256_001, 4.8)]
    public void Calculate_QwenPlusAtBandBoundary_PicksBandByInputCount(long inputTokens, double expectedInputPrice)
    {
        var usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = 0 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen-plus"), usage, MondayPeak);

        Assert.Equal(inputTokens * (decimal)expectedInputPrice / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_BandChosenByTotalInputIncludingCachedTokens()
    {
        // qwen3-max: 40,000 input of which 30,000 cached -> band (32K, 128K]: 4 in, 0.8 cached, 16 out.
        var usage = new UsageDetails { InputTokenCount = 40_000, CachedInputTokenCount = 30_000, OutputTokenCount = 2_000 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen3-max"), usage, MondayPeak);

        Assert.Equal((10_000m * 4m + 30_000m * 0.8m + 2_000m * 16m) / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_DeepSeekCacheHitsOffPeak_BillsHitsAtCachedPrice()
    {
        // The DeepSeek V4 usage sample (docs/protocols/deepseek.md, §2.6): prompt 306, cached 256, completion 85 incl. 31 reasoning.
        var usage = new UsageDetails
        {
            InputTokenCount = 306,
            CachedInputTokenCount = 256,
            OutputTokenCount = 85,
            ReasoningTokenCount = 31,
            TotalTokenCount = 391,
        };

        var cost = CostCalculator.Calculate(Card("deepseek", "deepseek-flash"), usage, MondayOffPeak);

        // 50 uncached x 1 + 256 cached x 0.02 + 85 output x 4 = 395.12 per million.
        Assert.Equal(0.00039512m, cost);
    }

    [Fact]
    public void Calculate_DeepSeekLargeCacheHitPeak_DoublesEveryPrice()
    {
        var usage = new UsageDetails { InputTokenCount = 1_000_000, CachedInputTokenCount = 800_000, OutputTokenCount = 100_000 };
        var card = Card("deepseek", "deepseek-flash");

        var offPeak = CostCalculator.Calculate(card, usage, MondayOffPeak);
        var peak = CostCalculator.Calculate(card, usage, MondayPeak);

        // 200,000 x 1 + 800,000 x 0.02 + 100,000 x 4 = 0.2 + 0.016 + 0.4
        Assert.Equal(0.616m, offPeak);
        Assert.Equal(1.232m, peak);
    }

    [Fact]
    public void Calculate_DeepSeekProPeak_UsesPeakPricesFromVendorPage()
    {
        // Peak prices on the vendor page: 9 in / 0.30 cached / 27 out.
        var usage = new UsageDetails { InputTokenCount = 2_000, CachedInputTokenCount = 1_000, OutputTokenCount = 1_000 };

        var cost = CostCalculator.Calculate(Card("deepseek", "deepseek-v4-pro"), usage, MondayPeak);

        Assert.Equal((1_000m * 9m + 1_000m * 0.30m + 1_000m * 27m) / 1_000_000m, cost);
    }

    [Theory]
    [InlineData("2026-11-23T08:59:59+08:00", 1)]
    [InlineData("2026-11-23T09:00:00+08:00", 2)]
    [InlineData("2026-11-23T11:59:59+08:00", 2)]
    [InlineData("2026-11-23T12:00:00+08:00", 1)]
    [InlineData("2026-11-23T13:59:59+08:00", 1)]
    [InlineData("2026-11-23T14:00:00+08:00", 2)]
    [InlineData("2026-11-23T17:59:59+08:00", 2)]
    [InlineData("2026-11-23T18:00:00+08:00", 1)]
    [InlineData("2026-11-23T01:00:00+00:00", 2)] // 09:00 Beijing, given in UTC
    [InlineData("2026-11-23T00:59:59+00:00", 1)]
    [InlineData("2026-11-22T22:00:00-05:00", 2)] // Sunday evening in New York is Monday 11:00 in Beijing
    [InlineData("2026-11-28T10:00:00+08:00", 1)] // Saturday: off-peak all day
    [InlineData("2026-11-29T15:00:00+08:00", 1)] // Sunday
    [InlineData("2026-11-27T17:30:00+08:00", 2)] // Friday
    public void Multiplier_DeepSeekPeakWindows_OpenOnlyWeekdaysInBeijingTime(string instant, int expected)
    {
        var multiplier = CostCalculator.Multiplier(Card("deepseek", "deepseek-flash"), DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, multiplier);
    }

    [Fact]
    public void Calculate_FreeModel_CostsZeroNotNull()
    {
        var usage = new UsageDetails { InputTokenCount = 5_000, OutputTokenCount = 2_000 };

        Assert.Equal(0m, CostCalculator.Calculate(Card("hunyuan", "hunyuan-lite"), usage, MondayPeak));
        Assert.Equal(0m, CostCalculator.Calculate(Card("glm", "glm-4.7-flash"), usage, MondayPeak));
    }

    [Fact]
    public void Calculate_UnknownPrice_ReturnsNullNeverZero()
    {
        var card = Card("kimi", "kimi-k3.1-pro"); // only a USD price is published
        var usage = new UsageDetails { InputTokenCount = 5_000, OutputTokenCount = 2_000 };

        Assert.False(card.IsRoutable);
        Assert.Null(CostCalculator.Calculate(card, usage, MondayPeak));
        Assert.Null(CostCalculator.Estimate(card, 5_000, 2_000, MondayPeak));
    }

    [Fact]
    public void Calculate_NoCachePrice_BillsCacheHitsAtInputPrice()
    {
        // qwen3.6-flash publishes no cache price: hits cost as much as misses (conservative).
        var usage = new UsageDetails { InputTokenCount = 1_000, CachedInputTokenCount = 400, OutputTokenCount = 0 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen3.6-flash"), usage, MondayPeak);

        Assert.Equal(1_000m * 1.2m / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_QwenTurboWithReasoning_BillsAllOutputAtThinkingPrice()
    {
        var usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 1_000, ReasoningTokenCount = 600, TotalTokenCount = 1_100 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen-turbo"), usage, MondayPeak);

        Assert.Equal((100m * 0.3m + 1_000m * 3m) / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_QwenTurboWithoutReasoning_BillsOutputAtNormalPrice()
    {
        var usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 1_000 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen-turbo"), usage, MondayPeak);

        Assert.Equal((100m * 0.3m + 1_000m * 0.6m) / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_ReasoningIncludedInOutput_IsNotBilledTwice()
    {
        // The DeepSeek thinking fixture: prompt 18, completion 64 of which 49 reasoning, total 82.
        var usage = new UsageDetails { InputTokenCount = 18, OutputTokenCount = 64, ReasoningTokenCount = 49, TotalTokenCount = 82 };

        var cost = CostCalculator.Calculate(Card("deepseek", "deepseek-flash"), usage, MondayOffPeak);

        Assert.Equal((18m * 1m + 64m * 4m) / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_DoubaoCacheHitUsage_BillsHitsAtThePublishedCachePrice()
    {
        // Ark usage from tests/Payloads/doubao: prompt 6210 (5888 cached), completion 58 incl. 31 reasoning, total 6268.
        var usage = new UsageDetails
        {
            InputTokenCount = 6_210,
            CachedInputTokenCount = 5_888,
            OutputTokenCount = 58,
            ReasoningTokenCount = 31,
            TotalTokenCount = 6_268,
        };

        var cost = CostCalculator.Calculate(Card("doubao", "doubao-seed-2-1-pro-260628"), usage, MondayPeak);

        // 322 uncached x 6 + 5,888 cached x 1.2 + 58 output x 30 (Ark's 2.1 Pro prices: 6 / 1.2 / 30).
        Assert.Equal((322m * 6m + 5_888m * 1.2m + 58m * 30m) / 1_000_000m, cost);
        Assert.Equal(0.0107376m, cost);
    }

    [Fact]
    public void Calculate_ReasoningReportedApartFromOutput_IsAddedToOutput()
    {
        // An adapter that reports output without reasoning: total = input + output + reasoning.
        var usage = new UsageDetails { InputTokenCount = 18, OutputTokenCount = 15, ReasoningTokenCount = 49, TotalTokenCount = 82 };

        var cost = CostCalculator.Calculate(Card("deepseek", "deepseek-flash"), usage, MondayOffPeak);

        Assert.Equal((18m * 1m + 64m * 4m) / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_AboveLastBand_BillsAtLastBand()
    {
        var usage = new UsageDetails { InputTokenCount = 300_000, OutputTokenCount = 0 };

        var cost = CostCalculator.Calculate(Card("qwen", "qwen3-max"), usage, MondayPeak);

        Assert.Equal(300_000m * 7m / 1_000_000m, cost);
    }

    [Fact]
    public void Calculate_EmptyUsage_CostsZero()
    {
        Assert.Equal(0m, CostCalculator.Calculate(Card("kimi", "kimi-k3"), new UsageDetails(), MondayPeak));
    }

    [Fact]
    public void Estimate_InputAndExpectedOutput_UsesBandOfEstimatedInput()
    {
        var card = Card("qwen", "qwen-flash");

        var small = CostCalculator.Estimate(card, 10_000, 1_000, MondayPeak);
        var large = CostCalculator.Estimate(card, 200_000, 1_000, MondayPeak);

        Assert.Equal((10_000m * 0.15m + 1_000m * 1.5m) / 1_000_000m, small);
        Assert.Equal((200_000m * 0.6m + 1_000m * 6m) / 1_000_000m, large);
    }

    [Fact]
    public void Estimate_AboveLastBand_ReturnsNullBecauseVendorRejectsIt()
    {
        Assert.Null(CostCalculator.Estimate(Card("qwen", "qwen3-max"), 262_145, 1_000, MondayPeak));
    }

    [Fact]
    public void Estimate_ThinkingAndCacheRatio_AppliesThinkingPriceAndCachedPrice()
    {
        var cost = CostCalculator.Estimate(Card("qwen", "qwen-plus"), 10_000, 2_000, MondayPeak, cachedInputTokens: 4_000, thinking: true);

        Assert.Equal((6_000m * 0.8m + 4_000m * 0.16m + 2_000m * 8m) / 1_000_000m, cost);
    }

    [Fact]
    public void Estimate_TimeWindow_AppliesAtPlannedStartTime()
    {
        var card = Card("deepseek", "deepseek-v4-pro");

        Assert.Equal((1_000m * 4.5m + 1_000m * 13.5m) / 1_000_000m, CostCalculator.Estimate(card, 1_000, 1_000, MondayOffPeak));
        Assert.Equal((1_000m * 9m + 1_000m * 27m) / 1_000_000m, CostCalculator.Estimate(card, 1_000, 1_000, MondayPeak));
    }

    [Fact]
    public void Estimate_NegativeTokens_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CostCalculator.Estimate(Card("kimi", "kimi-k3"), -1, 0, MondayPeak));
    }

    [Fact]
    public void Multiplier_WindowPastMidnight_BelongsToDayItStarts()
    {
        var card = ModelCatalog.Create(new[]
        {
            new ModelCard
            {
                Provider = "test", Id = "night", Tier = ModelTier.Lite, InputPerMillion = 1, OutputPerMillion = 1,
                TimeWindows = { new PriceTimeWindow { Days = { "Friday" }, Start = "22:00", End = "02:00", Multiplier = 0.5m } },
            },
        }).Find("test", "night")!;

        Assert.Equal(0.5m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.FromHours(8)))); // Friday night
        Assert.Equal(0.5m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 28, 1, 59, 0, TimeSpan.FromHours(8)))); // Saturday 01:59, Friday's window
        Assert.Equal(1m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(1m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.FromHours(8)))); // Saturday night
        Assert.Equal(1m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.FromHours(8)))); // Friday 01:00, Thursday's window
    }

    [Fact]
    public void Multiplier_WindowInOtherTimeZone_UsesThatZonesLocalTime()
    {
        var card = ModelCatalog.Create(new[]
        {
            new ModelCard
            {
                Provider = "test", Id = "utc", Tier = ModelTier.Lite, InputPerMillion = 1, OutputPerMillion = 1,
                TimeWindows = { new PriceTimeWindow { Start = "00:00", End = "24:00", TimeZone = "Etc/UTC", Days = { "sunday" }, Multiplier = 3m } },
            },
        }).Find("test", "utc")!;

        // Monday 07:00 in Beijing is still Sunday 23:00 UTC.
        Assert.Equal(3m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(1m, CostCalculator.Multiplier(card, new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8))));
    }
}
