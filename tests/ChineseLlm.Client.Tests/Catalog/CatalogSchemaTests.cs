using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The 2026-12 row fields (CheckedOn, Quality, Retired, ReplacedBy) and output-length price bands: parsing, validation,
/// configuration binding, the retirement skip in routing and output-dependent billing.
/// </summary>
public class CatalogSchemaTests
{
    // 2026-10-10 00:00 in Beijing is 2026-10-09 16:00 UTC.
    private static readonly DateTimeOffset LastServedMinute = new(2026, 10, 9, 15, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RetirementDayStart = new(2026, 10, 9, 16, 0, 0, TimeSpan.Zero);

    /// <summary>GLM-4.7's Zhipu CN price shape: input up to 32K and output under 200 tokens; up to 32K and longer output; above 32K.</summary>
    private static ModelCard OutputBanded() => new()
    {
        Provider = "glm",
        Id = "glm-like",
        Tier = ModelTier.Standard,
        ContextWindow = 200_000,
        Source = "test",
        Bands = new List<PriceBand>
        {
            new() { MaxInputTokens = 32_000, MaxOutputTokens = 199, InputPerMillion = 2m, CachedInputPerMillion = 0.4m, OutputPerMillion = 8m },
            new() { MaxInputTokens = 32_000, InputPerMillion = 3m, CachedInputPerMillion = 0.6m, OutputPerMillion = 14m },
            new() { MaxInputTokens = 200_000, InputPerMillion = 4m, CachedInputPerMillion = 0.8m, OutputPerMillion = 16m },
        },
    };

    [Fact]
    public void ParseDocument_NewRowFields_AreReadAndWrittenBack()
    {
        const string json = """
            {
              "AsOf": "2026-12-01",
              "Models": [
                {
                  "Provider": "qwen", "Id": "qwen-turbo", "Tier": "Lite", "InputPerMillion": 0.3, "OutputPerMillion": 0.6,
                  "Source": "https://help.aliyun.com/zh/model-studio/models", "Confidence": "doc", "CheckedOn": "2026-12-01",
                  "Quality": { "Index": "AA-Intelligence-v4.1", "Score": 6, "AsOf": "2026-09-01" },
                  "Retired": "2026-10-10", "ReplacedBy": "qwen-flash"
                },
                {
                  "Provider": "glm", "Id": "glm-4.7", "Tier": "Standard", "Source": "s", "Confidence": "relay", "CheckedOn": "2026-12-01",
                  "Bands": [
                    { "MaxInputTokens": 32000, "MaxOutputTokens": 199, "InputPerMillion": 2, "OutputPerMillion": 8 },
                    { "MaxInputTokens": 32000, "InputPerMillion": 3, "OutputPerMillion": 14 }
                  ]
                }
              ]
            }
            """;

        var document = ModelCatalog.ParseDocument(json);
        var catalog = ModelCatalog.Create(document, overrides: null);

        var turbo = catalog.Find("qwen", "qwen-turbo")!;
        Assert.Equal(new DateOnly(2026, 12, 1), turbo.CheckedOn);
        Assert.Equal(("AA-Intelligence-v4.1", 6m, new DateOnly(2026, 9, 1)), (turbo.Quality!.Index, turbo.Quality.Score!.Value, turbo.Quality.AsOf!.Value));
        Assert.Equal((new DateOnly(2026, 10, 10), "qwen-flash"), (turbo.Retired!.Value, turbo.ReplacedBy));
        Assert.Equal([199, null], catalog.Find("glm", "glm-4.7")!.Bands.Select(b => b.MaxOutputTokens));
        Assert.Throws<InvalidOperationException>(() => turbo.Quality.Score = 7m);

        var written = System.Text.Json.JsonSerializer.Serialize(document, CatalogJsonContext.Default.CatalogDocument);
        Assert.Contains("\"CheckedOn\": \"2026-12-01\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Retired\": \"2026-10-10\"", written, StringComparison.Ordinal);
        Assert.Contains("\"MaxOutputTokens\": 199", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_QualityWithoutItsFields_FailsNamingEachKey()
    {
        var card = Card("kimi", "k", ModelTier.Advanced, 1m, 2m);
        card.Quality = new ModelQuality();

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { card }));

        Assert.Contains("ChineseLlm:Models:0:Quality:Index is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:Quality:Score is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:Quality:AsOf is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeQualityScoreOrReplacedByWithoutRetired_Fails()
    {
        var card = Card("kimi", "k", ModelTier.Advanced, 1m, 2m);
        card.Quality = new ModelQuality { Index = "AA-Intelligence-v4.1", Score = -1m, AsOf = new DateOnly(2026, 9, 1) };
        card.ReplacedBy = "k2";

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { card }));

        Assert.Contains("ChineseLlm:Models:0:Quality:Score must be >= 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:ReplacedBy is set but Retired is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OutputBands_ValidWhenEachInputRangeEndsWithAnOpenOutputBand()
    {
        var catalog = ModelCatalog.Create(new[] { OutputBanded() });

        Assert.Equal(3, catalog.Find("glm", "glm-like")!.Bands.Count);
    }

    [Fact]
    public void Create_OutputBandLeavingLongerOutputsUnpriced_Fails()
    {
        var card = OutputBanded();
        card.Bands.RemoveAt(1);

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { card }));

        Assert.Contains("ChineseLlm:Models:0:Bands:0:MaxOutputTokens leaves longer outputs unpriced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OutputBandsOutOfOrderOrInputBandsDescending_Fail()
    {
        var card = OutputBanded();
        card.Bands.Insert(1, new PriceBand { MaxInputTokens = 32_000, MaxOutputTokens = 100, InputPerMillion = 1m, OutputPerMillion = 1m });
        card.Bands.Add(new PriceBand { MaxInputTokens = 100_000, InputPerMillion = 1m, OutputPerMillion = 1m });

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { card }));

        Assert.Contains("ChineseLlm:Models:0:Bands:1:MaxOutputTokens must be greater than ChineseLlm:Models:0:Bands:0:MaxOutputTokens (199)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:Bands:4:MaxInputTokens must not be less than ChineseLlm:Models:0:Bands:3:MaxInputTokens (200000)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, 150, 2, 8)] // short output: the cheaper band
    [InlineData(10_000, 199, 2, 8)] // last output token of that band
    [InlineData(10_000, 200, 3, 14)] // 200 tokens or more: the second band
    [InlineData(32_001, 150, 4, 16)] // input above 32K: output length no longer matters
    public void Calculate_OutputBands_BillTheBandOfTheReportedOutput(long input, long output, double inputPrice, double outputPrice)
    {
        var card = ModelCatalog.Create(new[] { OutputBanded() }).Find("glm", "glm-like")!;
        var usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output };

        var cost = CostCalculator.Calculate(card, usage, OffPeak);

        Assert.Equal(((input * (decimal)inputPrice) + (output * (decimal)outputPrice)) / 1_000_000m, cost);
    }

    [Fact]
    public void Estimate_OutputBands_UseTheExpectedOutput()
    {
        var card = ModelCatalog.Create(new[] { OutputBanded() }).Find("glm", "glm-like")!;

        Assert.Equal(((1_000m * 2m) + (100m * 8m)) / 1_000_000m, CostCalculator.Estimate(card, 1_000, 100, OffPeak));
        Assert.Equal(((1_000m * 3m) + (1_024m * 14m)) / 1_000_000m, CostCalculator.Estimate(card, 1_000, 1_024, OffPeak));
    }

    [Fact]
    public async Task GetResponseAsync_OutputBands_EstimateWithExpectedOutputAndBillReportedUsage()
    {
        var catalog = CatalogOf(OutputBanded());
        var (router, providers, _) = Router(catalog, new RoutingOptions { DefaultTier = ModelTier.Lite });
        providers["glm"].Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 150 };

        var response = await router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 4_000 });

        var decision = response.GetRoutingDecision()!;
        var input = decision.EstimatedInputTokens;
        Assert.Equal(((input * 3m) + (4_000m * 14m)) / 1_000_000m, decision.Candidates[0].EstimatedCost);
        Assert.Equal(((1_000m * 2m) + (150m * 8m)) / 1_000_000m, response.GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_RetiredRow_IsSkippedFromItsBeijingRetirementDayWithReason()
    {
        var cheap = Card("qwen", "q-old", ModelTier.Standard, 0.1m, 0.2m);
        cheap.Retired = new DateOnly(2026, 10, 10);
        cheap.ReplacedBy = "q-new";
        var catalog = CatalogOf(cheap, Card("qwen", "q-new", ModelTier.Standard, 0.5m, 1m));
        var (router, _, time) = Router(catalog, now: LastServedMinute);

        var before = (await router.GetResponseAsync(Hello)).GetRoutingDecision()!;
        time.SetUtcNow(RetirementDayStart);
        var after = (await router.GetResponseAsync(Hello)).GetRoutingDecision()!;

        Assert.Equal("q-old", before.ModelId);
        Assert.Equal("q-new", after.ModelId);
        var skipped = Assert.Single(after.Candidates, c => !c.IsEligible);
        Assert.Equal(("q-old", RoutingSkipReason.Retired, "retired 2026-10-10, replaced by q-new"), (skipped.ModelId, skipped.SkipReason, skipped.SkipDetail));
        Assert.Contains("skipped: Retired (retired 2026-10-10, replaced by q-new)", after.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddChineseLlm_ModelsOverride_BindsTheNewFieldsAndKeepsTheOldNames()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-test-deepseek",
            ["ChineseLlm:Models:0:Provider"] = "deepseek",
            ["ChineseLlm:Models:0:Id"] = "deepseek-lab",
            ["ChineseLlm:Models:0:Tier"] = "Advanced",
            ["ChineseLlm:Models:0:InputPerMillion"] = "1",
            ["ChineseLlm:Models:0:OutputPerMillion"] = "2",
            ["ChineseLlm:Models:0:Source"] = "own contract",
            ["ChineseLlm:Models:0:Confidence"] = "doc",
            ["ChineseLlm:Models:0:CheckedOn"] = "2026-12-01",
            ["ChineseLlm:Models:0:Quality:Index"] = "AA-Intelligence-v4.1",
            ["ChineseLlm:Models:0:Quality:Score"] = "45.3",
            ["ChineseLlm:Models:0:Quality:AsOf"] = "2026-09-01",
            ["ChineseLlm:Models:0:Retired"] = "2027-01-31",
            ["ChineseLlm:Models:0:ReplacedBy"] = "deepseek-next",
            ["ChineseLlm:Models:0:Bands:0:MaxInputTokens"] = "32000",
            ["ChineseLlm:Models:0:Bands:0:MaxOutputTokens"] = "199",
            ["ChineseLlm:Models:0:Bands:0:InputPerMillion"] = "1",
            ["ChineseLlm:Models:0:Bands:0:OutputPerMillion"] = "2",
            ["ChineseLlm:Models:0:Bands:1:MaxInputTokens"] = "32000",
            ["ChineseLlm:Models:0:Bands:1:InputPerMillion"] = "1.5",
            ["ChineseLlm:Models:0:Bands:1:OutputPerMillion"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration);
        using var provider = services.BuildServiceProvider();

        var router = Assert.IsType<CostAwareChatClient>(provider.GetRequiredService<IChatClient>());

        var card = router.Settings.Catalog.Find("deepseek", "deepseek-lab")!;
        Assert.Equal(new DateOnly(2026, 12, 1), card.CheckedOn);
        Assert.Equal(("AA-Intelligence-v4.1", 45.3m, new DateOnly(2026, 9, 1)), (card.Quality!.Index, card.Quality.Score!.Value, card.Quality.AsOf!.Value));
        Assert.Equal((new DateOnly(2027, 1, 31), "deepseek-next"), (card.Retired!.Value, card.ReplacedBy));
        Assert.Equal([199, null], card.Bands.Select(b => b.MaxOutputTokens));
    }
}
