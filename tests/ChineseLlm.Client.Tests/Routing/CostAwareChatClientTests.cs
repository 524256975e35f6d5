using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_DefaultTier_AnswersWithCheapestStandardOrBetterModel()
    {
        var (router, providers, _) = Router();

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("qwen:q-standard", response.Text);
        Assert.Equal(["q-standard"], providers["qwen"].Calls);
        Assert.Empty(providers["deepseek"].Calls);
        Assert.Equal("qwen", response.GetProvider());
        Assert.Equal("q-standard", response.ModelId);
        Assert.Equal(((1_000 * 0.8m) + (500 * 2m)) / 1_000_000m, response.GetCost());
        var decision = response.GetRoutingDecision();
        Assert.NotNull(decision);
        Assert.Equal(ModelTier.Standard, decision.RequestedTier);
        Assert.Equal(("qwen", "q-standard"), (decision.Provider, decision.ModelId));
        Assert.Equal(response.GetCost(), decision.Cost);
        var attempt = Assert.Single(decision.Attempts);
        Assert.Equal(RoutingAttemptOutcome.Succeeded, attempt.Outcome);
        Assert.Equal(response.GetCost(), attempt.Cost);
    }

    [Fact]
    public async Task GetResponseAsync_Decision_ListsEligibleCheapestFirstThenSkippedWithReasons()
    {
        var (router, _, _) = Router();

        var decision = (await router.GetResponseAsync(Hello)).GetRoutingDecision()!;

        Assert.Equal(
            ["qwen/q-standard", "deepseek/d-standard", "deepseek/d-advanced", "kimi/k-advanced", "kimi/k-flagship"],
            decision.Candidates.Where(c => c.IsEligible).Select(c => c.Provider + "/" + c.ModelId));
        var eligibleCosts = decision.Candidates.Where(c => c.IsEligible).Select(c => c.EstimatedCost!.Value).ToList();
        Assert.Equal(eligibleCosts.Order(), eligibleCosts);
        var lite = Assert.Single(decision.Candidates, c => !c.IsEligible);
        Assert.Equal(("q-lite", RoutingSkipReason.TierTooLow, "Lite < Standard"), (lite.ModelId, lite.SkipReason, lite.SkipDetail));
        Assert.NotNull(lite.EstimatedCost);
        Assert.Equal(decision.EstimatedOutputTokens, (long)new RoutingOptions().ExpectedOutputTokens);
        Assert.True(decision.EstimatedInputTokens > 0);
        Assert.Equal(OffPeak, decision.DecidedAt);
        Assert.Contains("Standard → qwen/q-standard", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EstimatedCost_IsCatalogPriceOfEstimatedTokens()
    {
        var (router, _, _) = Router();
        var options = new ChatOptions { MaxOutputTokens = 300 };

        var decision = (await router.GetResponseAsync(Hello, options)).GetRoutingDecision()!;

        var input = TokenEstimator.Shared.EstimateInputTokens(Hello, options);
        Assert.Equal(input, decision.EstimatedInputTokens);
        Assert.Equal(300, decision.EstimatedOutputTokens);
        var chosen = decision.Candidates[0];
        Assert.Equal(((input * 0.8m) + (300 * 2m)) / 1_000_000m, chosen.EstimatedCost);
    }

    [Theory]
    [InlineData(ModelTier.Lite, "qwen", "q-lite")]
    [InlineData(ModelTier.Standard, "qwen", "q-standard")]
    [InlineData(ModelTier.Advanced, "deepseek", "d-advanced")]
    [InlineData(ModelTier.Flagship, "kimi", "k-flagship")]
    public async Task GetResponseAsync_WithTier_AnswersWithCheapestModelOfThatTierOrAbove(ModelTier tier, string provider, string model)
    {
        var (router, _, _) = Router();

        var response = await router.GetResponseAsync(Hello, new ChatOptions().WithTier(tier));

        Assert.Equal((provider, model), (response.GetProvider(), response.ModelId));
        Assert.Equal(tier, response.GetRoutingDecision()!.RequestedTier);
    }

    [Fact]
    public async Task GetResponseAsync_DefaultTierOption_AppliesWhenCallSetsNone()
    {
        var (router, _, _) = Router(options: new RoutingOptions { DefaultTier = ModelTier.Advanced });

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("d-advanced", response.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_Image_SkipsModelsWithoutVision()
    {
        var (router, _, _) = Router();
        List<ChatMessage> messages = [new(ChatRole.User, [new TextContent("这是什么？"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])];

        var response = await router.GetResponseAsync(messages);

        Assert.Equal("d-standard", response.ModelId);
        var decision = response.GetRoutingDecision()!;
        Assert.Equal(ModelCapabilities.Vision, decision.RequiredCapabilities);
        var skipped = Assert.Single(decision.Candidates, c => c.ModelId == "q-standard");
        Assert.Equal((RoutingSkipReason.MissingCapabilities, "needs Vision"), (skipped.SkipReason, skipped.SkipDetail));
    }

    [Fact]
    public async Task GetResponseAsync_ToolsAndSchema_RequireToolsAndJson()
    {
        var catalog = CatalogOf(
            Card("qwen", "plain", ModelTier.Standard, 0.1m, 0.1m),
            Card("qwen", "tools-only", ModelTier.Standard, 0.2m, 0.2m, capabilities: ["Tools"]),
            Card("deepseek", "tools-json", ModelTier.Standard, 0.3m, 0.3m, capabilities: ["Tools", "Json"]));
        var (router, _, _) = Router(catalog);
        var tool = AIFunctionFactory.Create((string city) => "晴", "weather");

        var withTools = await router.GetResponseAsync(Hello, new ChatOptions { Tools = [tool] });
        var withSchema = await router.GetResponseAsync(Hello, new ChatOptions { Tools = [tool], ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object"}""").RootElement) });
        var withToolHistory = await router.GetResponseAsync(
            [new(ChatRole.User, "天气？"), new(ChatRole.Assistant, [new FunctionCallContent("c1", "weather")]), new(ChatRole.Tool, [new FunctionResultContent("c1", "晴")])]);

        Assert.Equal("tools-only", withTools.ModelId);
        Assert.Equal("tools-json", withSchema.ModelId);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Json, withSchema.GetRoutingDecision()!.RequiredCapabilities);
        Assert.Equal("tools-only", withToolHistory.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_InputTooLongForSmallContext_SkipsThatModel()
    {
        var catalog = CatalogOf(
            Card("qwen", "small", ModelTier.Standard, 0.1m, 0.1m, contextWindow: 2_000),
            Card("deepseek", "large", ModelTier.Standard, 1m, 1m, contextWindow: 1_000_000));
        var (router, _, _) = Router(catalog);
        List<ChatMessage> longInput = [new(ChatRole.User, string.Concat(Enumerable.Repeat("今天天气很好，我们去公园散步吧。", 200)))];

        var response = await router.GetResponseAsync(longInput);

        Assert.Equal("large", response.ModelId);
        var skipped = Assert.Single(response.GetRoutingDecision()!.Candidates, c => !c.IsEligible);
        Assert.Equal(RoutingSkipReason.ContextWindowTooSmall, skipped.SkipReason);
    }

    [Fact]
    public async Task GetResponseAsync_MaxOutputTokensAboveModelLimit_SkipsThatModel()
    {
        var catalog = CatalogOf(
            Card("qwen", "short", ModelTier.Standard, 0.1m, 0.1m, maxOutput: 4_096),
            Card("deepseek", "long", ModelTier.Standard, 1m, 1m, maxOutput: 65_536));
        var (router, _, _) = Router(catalog);

        var response = await router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 10_000 });

        Assert.Equal("long", response.ModelId);
        Assert.Equal(RoutingSkipReason.OutputLimitTooSmall, response.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "short").SkipReason);
    }

    [Fact]
    public async Task GetResponseAsync_UnpricedModel_IsNeverChosenAsFree()
    {
        var unpriced = Card("qwen", "unpriced", ModelTier.Flagship, 0m, 0m);
        unpriced.InputPerMillion = null;
        unpriced.OutputPerMillion = null;
        var catalog = CatalogOf(unpriced, Card("deepseek", "priced", ModelTier.Standard, 5m, 5m));
        var (router, _, _) = Router(catalog);

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("priced", response.ModelId);
        Assert.Equal(RoutingSkipReason.PriceUnknown, response.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "unpriced").SkipReason);
    }

    [Fact]
    public async Task GetResponseAsync_InputBeyondLastBand_SkipsBandedModel()
    {
        var banded = Card("qwen", "banded", ModelTier.Standard, 0.1m, 0.1m, contextWindow: 1_000_000);
        banded.Bands = [new PriceBand { MaxInputTokens = 100, InputPerMillion = 0.1m, OutputPerMillion = 0.1m }];
        var catalog = CatalogOf(banded, Card("deepseek", "flat", ModelTier.Standard, 1m, 1m));
        var (router, _, _) = Router(catalog);
        List<ChatMessage> input = [new(ChatRole.User, string.Concat(Enumerable.Repeat("一二三四五六七八九十", 50)))];

        var response = await router.GetResponseAsync(input);

        Assert.Equal("flat", response.ModelId);
        Assert.Equal(RoutingSkipReason.InputBeyondPriceBands, response.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "banded").SkipReason);
    }

    [Fact]
    public async Task GetResponseAsync_EqualCosts_TieBrokenByHigherTierThenProviderThenModel()
    {
        var catalog = CatalogOf(
            Card("qwen", "b", ModelTier.Standard, 1m, 1m),
            Card("qwen", "a", ModelTier.Standard, 1m, 1m),
            Card("deepseek", "z", ModelTier.Standard, 1m, 1m),
            Card("kimi", "better", ModelTier.Advanced, 1m, 1m));
        var (router, _, _) = Router(catalog);

        var decision = (await router.GetResponseAsync(Hello)).GetRoutingDecision()!;

        Assert.Equal(["better", "z", "a", "b"], decision.Candidates.Select(c => c.ModelId));
    }

    [Fact]
    public async Task GetResponseAsync_UnknownProviderKeysInCatalog_AreNotConsidered()
    {
        var (router, _, _) = Router(providers: ["kimi"]);

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("k-advanced", response.ModelId);
        Assert.All(response.GetRoutingDecision()!.Candidates, c => Assert.Equal("kimi", c.Provider));
    }

    [Fact]
    public async Task GetResponseAsync_PinnedModelId_CallsThatModelEvenIfNotCheapest()
    {
        var (router, providers, _) = Router();

        var response = await router.GetResponseAsync(Hello, new ChatOptions { ModelId = "K-FLAGSHIP" });

        Assert.Equal("k-flagship", response.ModelId);
        Assert.Equal(["k-flagship"], providers["kimi"].Calls);
        var decision = response.GetRoutingDecision()!;
        Assert.Equal("K-FLAGSHIP", decision.RequestedModelId);
        Assert.Equal(((1_000 * 20m) + (500 * 100m)) / 1_000_000m, response.GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_PinnedProviderSlashModel_CallsUnknownModelUnpriced()
    {
        var (router, providers, _) = Router();

        var response = await router.GetResponseAsync(Hello, new ChatOptions { ModelId = "Kimi/kimi-preview-x" });

        Assert.Equal(["kimi-preview-x"], providers["kimi"].Calls);
        Assert.Equal("kimi", response.GetProvider());
        Assert.Null(response.GetCost());
        Assert.Null(response.GetRoutingDecision()!.Candidates.Single().EstimatedCost);
    }

    [Fact]
    public async Task GetResponseAsync_PinnedModelOfNoConfiguredProvider_FailsWithModelNotFound()
    {
        var (router, providers, _) = Router(providers: ["qwen", "deepseek"]);

        var byId = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello, new ChatOptions { ModelId = "k-flagship" }));
        var unknown = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello, new ChatOptions { ModelId = "no-such-model" }));

        Assert.Equal(LlmErrorKind.ModelNotFound, byId.Kind);
        Assert.Contains("kimi, which is not configured", byId.Message, StringComparison.Ordinal);
        Assert.Equal(LlmErrorKind.ModelNotFound, unknown.Kind);
        Assert.All(providers.Values, p => Assert.Empty(p.Calls));
    }

    [Fact]
    public async Task GetResponseAsync_RouterOptionsKeys_AreNotSentToProvider()
    {
        var (router, providers, _) = Router();
        ChatOptions? seen = null;
        providers["qwen"].OnResponse = (_, o, _) =>
        {
            seen = o;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        };
        var options = new ChatOptions { Temperature = 0.3f }.WithTier(ModelTier.Standard);

        await router.GetResponseAsync(Hello, options);

        Assert.NotNull(seen);
        Assert.NotSame(options, seen);
        Assert.Equal("q-standard", seen.ModelId);
        Assert.Equal(0.3f, seen.Temperature);
        Assert.False(seen.AdditionalProperties?.ContainsKey(ChatOptionsRoutingExtensions.TierKey) ?? false);
        Assert.Null(options.ModelId);
        Assert.Equal(ModelTier.Standard, options.GetTier());
    }

    [Fact]
    public async Task GetResponseAsync_NoModelMeetsTheCall_FailsWithModelNotFoundListingReasons()
    {
        var catalog = CatalogOf(Card("qwen", "text-only", ModelTier.Standard, 0.1m, 0.1m));
        var (router, providers, _) = Router(catalog);
        List<ChatMessage> messages = [new(ChatRole.User, [new UriContent("https://example.com/cat.png", "image/png")])];

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(messages));

        Assert.Equal(LlmErrorKind.ModelNotFound, ex.Kind);
        Assert.Contains("qwen/text-only", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MissingCapabilities (needs Vision)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(providers["qwen"].Calls);
        Assert.Empty(ex.GetRoutingDecision()!.Attempts);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new CostAwareChatClient(null!));
        Assert.Throws<ArgumentException>(() => new CostAwareChatClient(new Dictionary<string, IChatClient>()));
        var twice = new Dictionary<string, IChatClient>(StringComparer.Ordinal) { ["kimi"] = new ScriptedChatClient("kimi"), ["KIMI"] = new ScriptedChatClient("kimi") };
        Assert.Throws<ArgumentException>(() => new CostAwareChatClient(twice));
        var bad = Assert.Throws<ArgumentException>(() => new CostAwareChatClient(
            new Dictionary<string, IChatClient> { ["kimi"] = new ScriptedChatClient("kimi") }, new RoutingOptions { ExpectedOutputTokens = 0 }, models: null, timeProvider: null));
        Assert.Contains("RoutingOptions:ExpectedOutputTokens must be between 1 and 1000000", bad.Message, StringComparison.Ordinal);
        var badModel = Assert.Throws<ArgumentException>(() => new CostAwareChatClient(
            new Dictionary<string, IChatClient> { ["kimi"] = new ScriptedChatClient("kimi") }, options: null, [new ModelCard { Provider = "kimi", Id = "new-model" }], timeProvider: null));
        Assert.Contains("models:0", badModel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_PublicOverload_UsesEmbeddedCatalogAndModelOverrides()
    {
        var kimi = new ScriptedChatClient("kimi");
        using var router = new CostAwareChatClient(
            new Dictionary<string, IChatClient> { ["Kimi"] = kimi },
            new RoutingOptions { DefaultTier = ModelTier.Standard },
            [new ModelCard { Provider = "kimi", Id = "kimi-k2.6", InputPerMillion = 0.01m, OutputPerMillion = 0.02m }],
            TimeProvider.System);

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal(["kimi"], router.Providers);
        Assert.Equal("kimi-k2.6", response.ModelId);
        Assert.Equal(((1_000 * 0.01m) + (500 * 0.02m)) / 1_000_000m, response.GetCost());
    }

    [Fact]
    public void GetService_Metadata_ReturnsRouterMetadataAndSelf()
    {
        var (router, _, _) = Router();

        Assert.Equal("chinesellm", router.GetService<ChatClientMetadata>()?.ProviderName);
        Assert.Same(router, router.GetService<CostAwareChatClient>());
        Assert.Null(router.GetService<CostAwareChatClient>("key"));
    }
}
