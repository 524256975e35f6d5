using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Catalog;

/// <summary>The tier rule (docs/catalog.md, "Tiers"): every embedded tier recomputed from its evidence, and the thresholds as options.</summary>
public class TierRuleTests
{
    /// <summary>
    /// Recomputes each embedded row's tier from its Quality with the rule written out here, not through TierRule:
    /// AA Intelligence Index v4.1 of 2026-09-01 (top 60.9) — Flagship from 80 % of the top, Advanced from 62 %, Standard
    /// from 45 %; otherwise LMArena text of 2026-10-09 — 1475, 1440, 1400; a row without either is at most Standard.
    /// </summary>
    [Fact]
    public void EmbeddedCatalog_EveryTierFollowsFromItsEvidence()
    {
        var document = ModelCatalog.ParseDocument(ModelCatalog.ReadEmbeddedJson());
        var rated = 0;

        foreach (var row in document.Models)
        {
            ModelTier? expected = row.Quality switch
            {
                { Index: "AA-Intelligence-v4.1", Score: { } s } q when q.AsOf == new DateOnly(2026, 9, 1) =>
                    s / 60.9m >= 0.80m ? ModelTier.Flagship : s / 60.9m >= 0.62m ? ModelTier.Advanced : s / 60.9m >= 0.45m ? ModelTier.Standard : ModelTier.Lite,
                { Index: "LMArena-Text", Score: { } s } q when q.AsOf == new DateOnly(2026, 10, 9) =>
                    s >= 1475m ? ModelTier.Flagship : s >= 1440m ? ModelTier.Advanced : s >= 1400m ? ModelTier.Standard : ModelTier.Lite,
                _ => null,
            };

            if (expected is { } tier)
            {
                rated++;
                Assert.True(tier == row.Tier, $"{row}: tier {row.Tier}, evidence {row.Quality} gives {tier}");
            }
            else
            {
                Assert.Null(row.Quality); // evidence off the pinned indexes belongs in Notes, not Quality
                Assert.True(row.Tier <= ModelTier.Standard, $"{row} is {row.Tier} without evidence");
            }
        }

        Assert.True(rated >= 12, $"only {rated} rows carry evidence");
    }

    [Theory]
    [InlineData("AA-Intelligence-v4.1", 52.6, "2026-09-01", ModelTier.Flagship)] // GLM-5.2: 86 % of the top
    [InlineData("AA-Intelligence-v4.1", 48.7, "2026-09-01", ModelTier.Advanced)] // 79.97 %: just under 80 %
    [InlineData("AA-Intelligence-v4.1", 45.3, "2026-09-01", ModelTier.Advanced)] // DeepSeek V4 Pro
    [InlineData("AA-Intelligence-v4.1", 33.7, "2026-09-01", ModelTier.Standard)] // GLM-4.7
    [InlineData("AA-Intelligence-v4.1", 24.5, "2026-09-01", ModelTier.Lite)] // Qwen3-Max
    [InlineData("LMArena-Text", 1488, "2026-10-09", ModelTier.Flagship)]
    [InlineData("LMArena-Text", 1474.5, "2026-10-09", ModelTier.Advanced)]
    [InlineData("LMArena-Text", 1439.9, "2026-10-09", ModelTier.Standard)]
    [InlineData("LMArena-Text", 1399, "2026-10-09", ModelTier.Lite)]
    public void Evaluate_DefaultRule_PlacesScoresByThreshold(string index, double score, string asOf, ModelTier expected)
    {
        var quality = new ModelQuality { Index = index, Score = (decimal)score, AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, TierRule.Default.Evaluate(quality));
    }

    [Theory]
    [InlineData("AA-Intelligence-v4.0", "2026-09-01")] // another version
    [InlineData("AA-Intelligence-v4.1", "2026-06-16")] // another snapshot
    [InlineData("LMArena-Text", "2026-04-30")] // ERNIE 5.1 Preview's date, not the pinned snapshot
    [InlineData("SuperCLUE", "2026-05-28")]
    public void Evaluate_EvidenceOffThePinnedSnapshots_IsNotUsed(string index, string asOf)
    {
        var quality = new ModelQuality { Index = index, Score = 1500m, AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Null(TierRule.Default.Evaluate(quality));
    }

    [Fact]
    public async Task AddChineseLlm_TierRuleThresholds_RetierTheCatalogAndChangeTheWinner()
    {
        using var defaults = Provider(new());
        using var stricter = Provider(new() { ["ChineseLlm:Routing:TierRule:FlagshipShare"] = "0.9" });

        var before = defaults.GetRequiredService<CostAwareChatClient>().Settings.Catalog;
        var after = stricter.GetRequiredService<CostAwareChatClient>().Settings.Catalog;

        Assert.Equal(ModelTier.Flagship, before.Find("glm", "glm-5.2")!.Tier);
        Assert.Equal(ModelTier.Advanced, after.Find("glm", "glm-5.2")!.Tier); // 52.6 / 60.9 = 0.864 < 0.9
        Assert.Equal(ModelTier.Flagship, after.Find("glm", "glm-5.3")!.Tier); // LMArena fallback thresholds unchanged

        // The rule's tier is what the router routes on.
        var decision = await ScriptedRouter(after).GetResponseAsync("hi", new ChatOptions().WithTier(ModelTier.Flagship));
        Assert.NotEqual("glm-5.2", decision.ModelId);
    }

    [Fact]
    public void AddChineseLlm_ConfiguredTierWithoutEvidence_IsTheUsersJudgement()
    {
        using var provider = Provider(new()
        {
            ["ChineseLlm:Models:0:Provider"] = "deepseek",
            ["ChineseLlm:Models:0:Id"] = "deepseek-v4-pro",
            ["ChineseLlm:Models:0:Tier"] = "Flagship",
        });

        var card = provider.GetRequiredService<CostAwareChatClient>().Settings.Catalog.Find("deepseek", "deepseek-v4-pro")!;

        Assert.Equal((ModelTier.Flagship, (ModelQuality?)null), (card.Tier!.Value, card.Quality));
    }

    [Fact]
    public void AddChineseLlm_InvalidTierRule_ValidationNamesEachKey()
    {
        using var provider = Provider(new()
        {
            ["ChineseLlm:Routing:TierRule:TopScore"] = "0",
            ["ChineseLlm:Routing:TierRule:AdvancedShare"] = "0.95",
            ["ChineseLlm:Routing:TierRule:FallbackStandard"] = "1500",
            ["ChineseLlm:Routing:TierRule:Index"] = " ",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains("ChineseLlm:Routing:TierRule:TopScore must be greater than zero (got 0).", ex.Failures);
        Assert.Contains("ChineseLlm:Routing:TierRule:StandardShare, AdvancedShare and FlagshipShare must satisfy 0 < StandardShare < AdvancedShare < FlagshipShare <= 1 (got 0.45, 0.95, 0.80).", ex.Failures);
        Assert.Contains("ChineseLlm:Routing:TierRule:FallbackStandard, FallbackAdvanced and FallbackFlagship must be in ascending order (got 1500, 1440, 1475).", ex.Failures);
        Assert.Contains("ChineseLlm:Routing:TierRule:Index is required.", ex.Failures);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-test-deepseek",
        }.Concat(values).ToDictionary(p => p.Key, p => p.Value)).Build();
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration);
        return services.BuildServiceProvider();
    }

    private static CostAwareChatClient ScriptedRouter(ModelCatalog catalog) => RouterTestCatalog.Router(catalog, providers: ["glm", "kimi", "deepseek"]).Router;
}
