using Microsoft.Extensions.Configuration;

namespace ChineseLlm.Client.Catalog;

public class ModelCatalogTests
{
    private static ModelCard ValidAdded(string id = "my-model") => new()
    {
        Provider = "deepseek",
        Id = id,
        Tier = ModelTier.Standard,
        ContextWindow = 64_000,
        InputPerMillion = 1m,
        OutputPerMillion = 2m,
    };

    [Fact]
    public void Embedded_LoadsDatedCatalogOfEveryProvider()
    {
        var catalog = ModelCatalog.Embedded;

        Assert.Equal(new DateOnly(2026, 12, 1), catalog.AsOf);
        Assert.Equal(
            ["baichuan", "deepseek", "doubao", "ernie", "glm", "hunyuan", "kimi", "minimax", "pangu", "qwen", "spark", "stepfun", "yi"],
            catalog.Models.Select(m => m.Provider).Distinct().Order(StringComparer.Ordinal));
        Assert.All(catalog.Models, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
    }

    [Fact]
    public void RoutableModels_ExcludeUnknownPricesAndKeepFreeModels()
    {
        var catalog = ModelCatalog.Embedded;

        Assert.DoesNotContain(catalog.RoutableModels, m => m.Id == "hy3-preview"); // USD only
        Assert.DoesNotContain(catalog.RoutableModels, m => m.Id == "kimi-k3.1-pro"); // USD only
        Assert.DoesNotContain(catalog.RoutableModels, m => m.Id == "ernie-speed-128k"); // 2024 "free" with no 2026 source: unknown, not free
        Assert.Contains(catalog.RoutableModels, m => m.Id == "hunyuan-lite");
        Assert.All(catalog.RoutableModels, m => Assert.True(m.IsRoutable));
        Assert.All(catalog.Models.Except(catalog.RoutableModels), m => Assert.Null(m.InputPerMillion));
    }

    [Fact]
    public void Find_ProviderAndIdInAnyCase_ReturnsCard()
    {
        var card = ModelCatalog.Embedded.Find("DeepSeek", " DEEPSEEK-FLASH ");

        Assert.NotNull(card);
        Assert.Equal("deepseek-flash", card.Id);
        Assert.Null(ModelCatalog.Embedded.Find("deepseek", "deepseek-chat"));
        Assert.False(ModelCatalog.Embedded.TryFind("qwen", "deepseek-flash", out _));
    }

    [Fact]
    public void Create_OverrideWithPrices_ReplacesPriceScheduleAndKeepsDescription()
    {
        var catalog = ModelCatalog.Create(new[]
        {
            new ModelCard { Provider = "DeepSeek", Id = "DeepSeek-Flash", InputPerMillion = 0.5m, OutputPerMillion = 2m },
        });

        var card = catalog.Find("deepseek", "deepseek-flash")!;
        Assert.Equal(0.5m, card.InputPerMillion);
        Assert.Null(card.CachedInputPerMillion);
        Assert.Empty(card.TimeWindows);
        Assert.Equal(ModelTier.Advanced, card.Tier);
        Assert.Equal(1_048_576, card.ContextWindow);
        Assert.True(card.HasCapabilities(ModelCapabilities.Tools | ModelCapabilities.Reasoning | ModelCapabilities.Json));
        Assert.False(card.HasCapabilities(ModelCapabilities.Vision)); // DeepSeek's API takes no images
        Assert.Equal("configuration ChineseLlm:Models:0", card.Source);
        Assert.Null(card.Confidence);
        Assert.Equal(ModelCatalog.Embedded.Models.Count, catalog.Models.Count);
    }

    [Fact]
    public void Create_OverrideWithoutPrices_KeepsEmbeddedScheduleAndProvenance()
    {
        var catalog = ModelCatalog.Create(new[]
        {
            new ModelCard { Provider = "deepseek", Id = "deepseek-flash", Tier = ModelTier.Flagship, MaxOutputTokens = 8_192 },
        });

        var card = catalog.Find("deepseek", "deepseek-flash")!;
        var embedded = ModelCatalog.Embedded.Find("deepseek", "deepseek-flash")!;
        Assert.Equal(ModelTier.Flagship, card.Tier);
        Assert.Equal(8_192, card.MaxOutputTokens);
        Assert.Equal(embedded.InputPerMillion, card.InputPerMillion);
        Assert.Equal(2, card.TimeWindows.Count);
        Assert.Equal(embedded.Source, card.Source);
        Assert.Equal("doc", card.Confidence);
    }

    [Fact]
    public void Create_OverrideGivesPriceToUnpricedModel_MakesItRoutable()
    {
        var catalog = ModelCatalog.Create(new[]
        {
            new ModelCard { Provider = "kimi", Id = "kimi-k3.1-pro", InputPerMillion = 13.3m, OutputPerMillion = 66.7m, Confidence = "contract" },
        });

        var card = catalog.Find("kimi", "kimi-k3.1-pro")!;
        Assert.True(card.IsRoutable);
        Assert.Contains(card, catalog.RoutableModels);
        Assert.Equal(ModelTier.Standard, card.Tier); // unrated: the embedded tier, at most Standard
        Assert.Equal("contract", card.Confidence);
    }

    [Fact]
    public void Create_NewModel_IsAddedAfterEmbeddedModels()
    {
        var catalog = ModelCatalog.Create(new[] { ValidAdded() });

        var card = catalog.Models[^1];
        Assert.Equal("deepseek/my-model", card.ToString());
        Assert.Contains(card, catalog.RoutableModels);
        Assert.Equal("configuration ChineseLlm:Models:0", card.Source);
        Assert.Equal(catalog.AsOf, ModelCatalog.Embedded.AsOf);
    }

    [Fact]
    public void Create_NewModelWithoutTier_FailsNamingTheKey()
    {
        var added = ValidAdded();
        added.Tier = null;

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { added }));

        Assert.Contains("ChineseLlm:Models:0:Tier is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativePrice_FailsNamingTheKey()
    {
        var bad = ValidAdded("bad");
        bad.InputPerMillion = -1m;

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { ValidAdded("a"), ValidAdded("b"), bad }));

        Assert.Contains("ChineseLlm:Models:2:InputPerMillion must be >= 0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ChineseLlm:Models:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HalfAPrice_FailsInsteadOfTreatingOutputAsFree()
    {
        var bad = ValidAdded();
        bad.OutputPerMillion = null;

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { bad }));

        Assert.Contains("ChineseLlm:Models:0:OutputPerMillion is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BandsNotAscending_FailsNamingTheBand()
    {
        var bad = ValidAdded();
        bad.InputPerMillion = null;
        bad.OutputPerMillion = null;
        bad.Bands = new List<PriceBand>
        {
            new() { MaxInputTokens = 32_768, InputPerMillion = 1m, OutputPerMillion = 2m },
            new() { MaxInputTokens = 32_768, InputPerMillion = 2m, OutputPerMillion = 4m },
            new() { MaxInputTokens = 0, InputPerMillion = 2m },
        };

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { bad }));

        Assert.Contains("ChineseLlm:Models:0:Bands:1 overlaps ChineseLlm:Models:0:Bands:0: bands with the same MaxInputTokens (32768) must set MaxOutputTokens on all but the last", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:Bands:2:MaxInputTokens must be > 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Models:0:Bands:2:OutputPerMillion is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TopLevelPriceDiffersFromFirstBand_Fails()
    {
        var bad = ValidAdded();
        bad.Bands = new List<PriceBand> { new() { MaxInputTokens = 32_768, InputPerMillion = 3m, OutputPerMillion = 2m } };

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { bad }));

        Assert.Contains("ChineseLlm:Models:0:InputPerMillion (1) must equal ChineseLlm:Models:0:Bands:0:InputPerMillion (3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadTimeWindow_ReportsEachBadKey()
    {
        var bad = ValidAdded();
        bad.TimeWindows = new List<PriceTimeWindow>
        {
            new() { Start = "9am", End = "25:00", TimeZone = "Mars/Olympus_Mons", Multiplier = 0m },
            new() { Start = "10:00", End = "10:00" },
        };

        var errors = ModelCatalog.Validate(new[] { bad });

        Assert.Contains("ChineseLlm:Models:0:TimeWindows:0:Start must be a time of day as HH:mm (00:00 to 23:59), not '9am'", errors);
        Assert.Contains("ChineseLlm:Models:0:TimeWindows:0:End must be a time of day as HH:mm (00:00 to 24:00), not '25:00'", errors);
        Assert.Contains("ChineseLlm:Models:0:TimeWindows:0:Multiplier must be > 0", errors);
        Assert.Contains("ChineseLlm:Models:0:TimeWindows:0:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone", errors);
        Assert.Contains("ChineseLlm:Models:0:TimeWindows:1:End must differ from ChineseLlm:Models:0:TimeWindows:1:Start", errors);
        Assert.Contains("ChineseLlm:Models:0:TimeWindows:1:Multiplier is required", errors);
    }

    [Fact]
    public void Create_BoundConfigurationWithMisspeltDay_FailsInsteadOfOpeningEveryDay()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChineseLlm:Models:0:Provider"] = "deepseek",
                ["ChineseLlm:Models:0:Id"] = "deepseek-flash",
                ["ChineseLlm:Models:0:InputPerMillion"] = "1",
                ["ChineseLlm:Models:0:OutputPerMillion"] = "4",
                ["ChineseLlm:Models:0:TimeWindows:0:Days:0"] = "Mon",
                ["ChineseLlm:Models:0:TimeWindows:0:Days:1"] = "3",
                ["ChineseLlm:Models:0:TimeWindows:0:Start"] = "09:00",
                ["ChineseLlm:Models:0:TimeWindows:0:End"] = "12:00",
                ["ChineseLlm:Models:0:TimeWindows:0:Multiplier"] = "2",
            })
            .Build();

        var bound = configuration.GetSection(ModelCatalog.ConfigurationKey).Get<List<ModelCard>>()!;
        var errors = ModelCatalog.Validate(bound);

        Assert.Equal(
            ["ChineseLlm:Models:0:TimeWindows:0:Days:0 'Mon' is not a day name (Monday to Sunday)", "ChineseLlm:Models:0:TimeWindows:0:Days:1 '3' is not a day name (Monday to Sunday)"],
            errors);
    }

    [Fact]
    public void Create_SameModelConfiguredTwice_Fails()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new[] { ValidAdded("x"), ValidAdded("X") }));

        Assert.Contains("ChineseLlm:Models:1 repeats the model deepseek/X already configured at ChineseLlm:Models:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingProviderAndNullEntry_FailNamingTheKey()
    {
        var errors = ModelCatalog.Validate(new[] { new ModelCard { Id = "x", Tier = ModelTier.Lite }, null! }, "Custom:Models");

        Assert.Contains("Custom:Models:0:Provider is required", errors);
        Assert.Contains("Custom:Models:1 is empty", errors);
    }

    [Fact]
    public void Validate_ValidOverrides_ReturnsNoErrors()
    {
        Assert.Empty(ModelCatalog.Validate(new[] { ValidAdded() }));
        Assert.Empty(ModelCatalog.Validate(null));
    }

    [Fact]
    public void Create_IsASnapshot_LaterChangesToInputsDoNotLeakIn()
    {
        var configured = ValidAdded();
        var overrides = new List<ModelCard> { configured };
        var catalog = ModelCatalog.Create(overrides);

        configured.InputPerMillion = 100m;
        overrides.Add(ValidAdded("later"));

        Assert.Equal(1m, catalog.Find("deepseek", "my-model")!.InputPerMillion);
        Assert.Null(catalog.Find("deepseek", "later"));
    }

    [Fact]
    public void Create_CardsAreFrozen_SettersAndListsThrow()
    {
        var card = ModelCatalog.Embedded.Find("deepseek", "deepseek-flash")!;

        Assert.Throws<InvalidOperationException>(() => card.InputPerMillion = 0m);
        Assert.Throws<InvalidOperationException>(() => card.TimeWindows[0].Multiplier = 1m);
        Assert.Throws<NotSupportedException>(() => card.Capabilities.Add("Json"));
        Assert.Throws<NotSupportedException>(() => card.TimeWindows.Clear());
        Assert.Throws<NotSupportedException>(() => card.TimeWindows[0].Days.Add("Sunday"));
        Assert.Throws<InvalidOperationException>(() => ModelCatalog.Embedded.Find("qwen", "qwen-plus")!.Bands[0].OutputPerMillion = 0m);
    }

    [Fact]
    public void Create_ReloadBuildsNewSnapshot_OldSnapshotUnchanged()
    {
        var first = ModelCatalog.Create(new[] { ValidAdded() });
        var changed = ValidAdded();
        changed.InputPerMillion = 3m;

        var second = ModelCatalog.Create(new[] { changed });

        Assert.NotSame(first, second);
        Assert.Equal(1m, first.Find("deepseek", "my-model")!.InputPerMillion);
        Assert.Equal(3m, second.Find("deepseek", "my-model")!.InputPerMillion);
    }

    [Fact]
    public void Create_InvalidBaseDocument_ThrowsInvalidOperation()
    {
        var document = new CatalogDocument { AsOf = new DateOnly(2026, 1, 1), Models = [new ModelCard { Provider = "qwen", Id = "x", OutputPerMillion = -2m, InputPerMillion = 1m, Tier = ModelTier.Lite }] };

        var error = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Create(document, overrides: null));

        Assert.Contains("catalog.json:Models:0:OutputPerMillion must be >= 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FromBoundConfiguration_ReadsEveryContractKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChineseLlm:Models:0:Provider"] = "kimi",
                ["ChineseLlm:Models:0:Id"] = "kimi-k2-custom",
                ["ChineseLlm:Models:0:Tier"] = "Advanced",
                ["ChineseLlm:Models:0:ContextWindow"] = "131072",
                ["ChineseLlm:Models:0:MaxOutputTokens"] = "8192",
                ["ChineseLlm:Models:0:Capabilities:0"] = "Tools",
                ["ChineseLlm:Models:0:Capabilities:1"] = "Vision",
                ["ChineseLlm:Models:0:Bands:0:MaxInputTokens"] = "32768",
                ["ChineseLlm:Models:0:Bands:0:InputPerMillion"] = "0.8",
                ["ChineseLlm:Models:0:Bands:0:CachedInputPerMillion"] = "0.16",
                ["ChineseLlm:Models:0:Bands:0:OutputPerMillion"] = "2",
                ["ChineseLlm:Models:0:Bands:1:MaxInputTokens"] = "131072",
                ["ChineseLlm:Models:0:Bands:1:InputPerMillion"] = "1.2",
                ["ChineseLlm:Models:0:Bands:1:OutputPerMillion"] = "4",
                ["ChineseLlm:Models:0:TimeWindows:0:Days:0"] = "Saturday",
                ["ChineseLlm:Models:0:TimeWindows:0:Days:1"] = "Sunday",
                ["ChineseLlm:Models:0:TimeWindows:0:Start"] = "00:00",
                ["ChineseLlm:Models:0:TimeWindows:0:End"] = "24:00",
                ["ChineseLlm:Models:0:TimeWindows:0:Multiplier"] = "0.5",
            })
            .Build();

        var bound = configuration.GetSection(ModelCatalog.ConfigurationKey).Get<List<ModelCard>>()!;
        var card = ModelCatalog.Create(bound).Find("kimi", "kimi-k2-custom")!;

        Assert.Equal(ModelTier.Advanced, card.Tier);
        Assert.Equal(131_072, card.ContextWindow);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Vision, card.CapabilityFlags);
        Assert.Equal([32_768, 131_072], card.Bands.Select(b => b.MaxInputTokens));
        Assert.Equal(0.16m, card.Bands[0].CachedInputPerMillion);
        Assert.Equal("Asia/Shanghai", card.TimeWindows[0].TimeZone);
        Assert.Equal(["Saturday", "Sunday"], card.TimeWindows[0].Days);
        Assert.True(card.IsRoutable);

        // Saturday 12:00 Beijing, 40,000 input tokens: second band, weekend multiplier 0.5.
        var cost = CostCalculator.Estimate(card, 40_000, 1_000, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal((40_000m * 1.2m + 1_000m * 4m) * 0.5m / 1_000_000m, cost);
    }

    [Fact]
    public void Create_BoundConfigurationWithUnknownCapability_FailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChineseLlm:Models:0:Provider"] = "kimi",
                ["ChineseLlm:Models:0:Capabilities:0"] = "Telepathy",
            })
            .Build();

        var bound = configuration.GetSection(ModelCatalog.ConfigurationKey).Get<List<ModelCard>>()!;
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(bound));

        Assert.Contains("ChineseLlm:Models:0:Capabilities:0 'Telepathy' is not a capability", error.Message, StringComparison.Ordinal);
    }
}
