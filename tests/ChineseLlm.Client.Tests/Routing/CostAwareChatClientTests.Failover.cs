using Microsoft.Extensions.AI;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static Func<IList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> Fail(LlmErrorKind kind, string provider = "test")
        => (_, _, _) => Task.FromException<ChatResponse>(new ChineseLlmException(provider, kind, "scripted failure", statusCode: 503));

    [Theory]
    [InlineData(LlmErrorKind.ServerError)]
    [InlineData(LlmErrorKind.RateLimited)]
    [InlineData(LlmErrorKind.Timeout)]
    [InlineData(LlmErrorKind.Network)]
    [InlineData(LlmErrorKind.ModelNotFound)]
    [InlineData(LlmErrorKind.Protocol)]
    public async Task GetResponseAsync_CheapestFailsTransiently_NextCheapestAnswers(LlmErrorKind kind)
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnResponse = Fail(kind, "qwen");

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("deepseek:d-standard", response.Text);
        Assert.Equal(["q-standard"], providers["qwen"].Calls);
        var decision = response.GetRoutingDecision()!;
        Assert.Equal(2, decision.Attempts.Count);
        Assert.Equal((RoutingAttemptOutcome.Failed, kind), (decision.Attempts[0].Outcome, decision.Attempts[0].ErrorKind));
        Assert.Contains("scripted failure", decision.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(RoutingAttemptOutcome.Succeeded, decision.Attempts[1].Outcome);
        Assert.Equal(("deepseek", "d-standard"), (decision.Provider, decision.ModelId));
        Assert.Equal(((1_000 * 1m) + (500 * 4m)) / 1_000_000m, response.GetCost());
    }

    [Theory]
    [InlineData(LlmErrorKind.InvalidRequest)]
    [InlineData(LlmErrorKind.ContentFiltered)]
    public async Task GetResponseAsync_RequestProblem_IsThrownWithoutFailover(LlmErrorKind kind)
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnResponse = Fail(kind, "qwen");

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal(kind, ex.Kind);
        Assert.Empty(providers["deepseek"].Calls);
        var attempt = Assert.Single(ex.GetRoutingDecision()!.Attempts);
        Assert.Equal(kind, attempt.ErrorKind);
    }

    [Fact]
    public async Task GetResponseAsync_EveryCandidateFails_ThrowsTheLastFailureWithAllAttempts()
    {
        var (router, providers, _) = Router();
        foreach (var provider in providers.Values)
        {
            provider.OnResponse = Fail(LlmErrorKind.ServerError, provider.Provider);
        }

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal("kimi", ex.Provider);
        var decision = ex.GetRoutingDecision()!;
        Assert.Equal(["q-standard", "d-standard", "d-advanced", "k-advanced", "k-flagship"], decision.Attempts.Select(a => a.ModelId));
        Assert.Null(decision.Provider);
    }

    [Fact]
    public async Task GetResponseAsync_MaxAttempts_StopsFailingOverAfterThatManyCalls()
    {
        var (router, providers, _) = Router(options: new RoutingOptions { MaxAttempts = 2 });
        foreach (var provider in providers.Values)
        {
            provider.OnResponse = Fail(LlmErrorKind.ServerError, provider.Provider);
        }

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal("deepseek", ex.Provider);
        Assert.Equal(2, ex.GetRoutingDecision()!.Attempts.Count);
        Assert.Empty(providers["kimi"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ContextLengthExceeded_FailsOverOnlyToLargerContextModels()
    {
        var catalog = CatalogOf(
            Card("qwen", "ctx-128k", ModelTier.Standard, 0.1m, 0.1m, contextWindow: 128_000),
            Card("qwen", "ctx-64k", ModelTier.Standard, 0.2m, 0.2m, contextWindow: 64_000),
            Card("deepseek", "ctx-128k-b", ModelTier.Standard, 0.3m, 0.3m, contextWindow: 128_000),
            Card("kimi", "ctx-1m", ModelTier.Standard, 0.4m, 0.4m, contextWindow: 1_000_000));
        var (router, providers, _) = Router(catalog);
        providers["qwen"].OnResponse = Fail(LlmErrorKind.ContextLengthExceeded, "qwen");

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("ctx-1m", response.ModelId);
        Assert.Equal(["ctx-128k"], providers["qwen"].Calls);
        Assert.Empty(providers["deepseek"].Calls);
        var decision = response.GetRoutingDecision()!;
        Assert.Equal(RoutingSkipReason.ContextNotLargerThanFailed, decision.Candidates.Single(c => c.ModelId == "ctx-64k").SkipReason);
        Assert.Equal(RoutingSkipReason.ContextNotLargerThanFailed, decision.Candidates.Single(c => c.ModelId == "ctx-128k-b").SkipReason);
    }

    [Theory]
    [InlineData(LlmErrorKind.QuotaExceeded)]
    [InlineData(LlmErrorKind.Authentication)]
    [InlineData(LlmErrorKind.PermissionDenied)]
    public async Task GetResponseAsync_QuotaOrAuthFailure_CoolsProviderDownUntilCooldownPasses(LlmErrorKind kind)
    {
        var catalog = CatalogOf(
            Card("qwen", "q1", ModelTier.Standard, 0.1m, 0.1m),
            Card("qwen", "q2", ModelTier.Standard, 0.2m, 0.2m),
            Card("deepseek", "d1", ModelTier.Standard, 0.3m, 0.3m));
        var (router, providers, time) = Router(catalog, new RoutingOptions { Cooldown = TimeSpan.FromMinutes(5) });
        providers["qwen"].OnResponse = Fail(kind, "qwen");

        var first = await router.GetResponseAsync(Hello);
        var duringCooldown = await router.GetResponseAsync(Hello);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var justBefore = await router.GetResponseAsync(Hello);
        time.Advance(TimeSpan.FromSeconds(1));
        providers["qwen"].OnResponse = null;
        var after = await router.GetResponseAsync(Hello);

        // The first call skips the provider's other model at once; later calls skip the provider until the cooldown passes.
        Assert.Equal("d1", first.ModelId);
        Assert.Equal(RoutingSkipReason.ProviderCoolingDown, first.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "q2").SkipReason);
        Assert.Equal("d1", duringCooldown.ModelId);
        var skipped = duringCooldown.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "q1");
        Assert.Equal(RoutingSkipReason.ProviderCoolingDown, skipped.SkipReason);
        Assert.Contains(kind.ToString(), skipped.SkipDetail, StringComparison.Ordinal);
        Assert.Equal("d1", justBefore.ModelId);
        Assert.Equal("q1", after.ModelId);
        Assert.Equal(["q1", "q1"], providers["qwen"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_EveryEligibleProviderCoolingDown_FailsWithTheCooldownReasonWithoutCalling()
    {
        var catalog = CatalogOf(Card("qwen", "q1", ModelTier.Standard, 0.1m, 0.1m));
        var (router, providers, _) = Router(catalog);
        providers["qwen"].OnResponse = Fail(LlmErrorKind.QuotaExceeded, "qwen");
        await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal((LlmErrorKind.QuotaExceeded, "qwen"), (ex.Kind, ex.Provider));
        Assert.Contains("cooling down", ex.Message, StringComparison.Ordinal);
        Assert.Single(providers["qwen"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ZeroCooldown_DoesNotCoolDownForLaterCalls()
    {
        var catalog = CatalogOf(Card("qwen", "q1", ModelTier.Standard, 0.1m, 0.1m), Card("deepseek", "d1", ModelTier.Standard, 0.3m, 0.3m));
        var (router, providers, _) = Router(catalog, new RoutingOptions { Cooldown = TimeSpan.Zero });
        providers["qwen"].OnResponse = Fail(LlmErrorKind.QuotaExceeded, "qwen");

        await router.GetResponseAsync(Hello);
        await router.GetResponseAsync(Hello);

        Assert.Equal(2, providers["qwen"].Calls.Count);
    }

    [Fact]
    public async Task GetResponseAsync_SharedProviderHealth_CooldownSeenByAnotherRouter()
    {
        var catalog = CatalogOf(Card("qwen", "q1", ModelTier.Standard, 0.1m, 0.1m), Card("deepseek", "d1", ModelTier.Standard, 0.3m, 0.3m));
        var health = new InMemoryProviderHealth(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(OffPeak));
        var (first, firstProviders, _) = Router(catalog, health: health);
        var (second, secondProviders, _) = Router(catalog, health: health);
        firstProviders["qwen"].OnResponse = Fail(LlmErrorKind.Authentication, "qwen");

        await first.GetResponseAsync(Hello);
        var response = await second.GetResponseAsync(Hello);

        Assert.Equal("d1", response.ModelId);
        Assert.Empty(secondProviders["qwen"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_NoFailoverAndCancellationPropagates()
    {
        var (router, providers, _) = Router();
        using var cts = new CancellationTokenSource();
        providers["qwen"].OnResponse = (_, _, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(new ChatResponse());
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => router.GetResponseAsync(Hello, cancellationToken: cts.Token));

        Assert.Empty(providers["deepseek"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ForeignClientThrowsHttpRequestException_FailsOver()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnResponse = (_, _, _) => throw new HttpRequestException("connection refused");

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("d-standard", response.ModelId);
        var failed = response.GetRoutingDecision()!.Attempts[0];
        Assert.Equal((LlmErrorKind.Network, "HttpRequestException"), (failed.ErrorKind!.Value, failed.Error));
    }

    [Fact]
    public async Task GetResponseAsync_ForeignClientThrowsUnknownException_IsThrownWithoutFailover()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnResponse = (_, _, _) => throw new InvalidOperationException("bug");

        await Assert.ThrowsAsync<InvalidOperationException>(() => router.GetResponseAsync(Hello));

        Assert.Empty(providers["deepseek"].Calls);
    }
}
