using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static RoutingOptions Budget(decimal limit, BudgetPeriod period = BudgetPeriod.Month)
        => new() { Budget = new RoutingBudgetOptions { Limit = limit, Period = period } };

    [Fact]
    public async Task GetResponseAsync_EstimateOverBudget_FailsWithBudgetExceededBeforeSending()
    {
        var (router, providers, _) = Router(options: Budget(0.000001m));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal((LlmErrorKind.BudgetExceeded, "qwen"), (ex.Kind, ex.Provider));
        Assert.False(ex.IsTransient);
        Assert.Contains("would exceed the budget of 0.000001 CNY for month:2026-11", ex.Message, StringComparison.Ordinal);
        Assert.All(providers.Values, p => Assert.Empty(p.Calls));
        Assert.Empty(ex.GetRoutingDecision()!.Attempts);
    }

    [Fact]
    public async Task GetResponseAsync_WithinBudget_SettlesTheRealCostAndReleasesFailedAttempts()
    {
        var ledger = new InMemorySpendLedger(new FakeTimeProvider(OffPeak));
        var (router, providers, _) = Router(options: Budget(1m), ledger: ledger);
        providers["qwen"].OnResponse = Fail(LlmErrorKind.ServerError, "qwen");

        var response = await router.GetResponseAsync(Hello);

        var summary = await ledger.GetSummaryAsync("month:2026-11");
        Assert.Equal(response.GetCost(), summary.Settled);
        Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
    }

    [Fact]
    public async Task GetResponseAsync_NoUsageReported_SettlesAtTheEstimate()
    {
        var ledger = new InMemorySpendLedger(new FakeTimeProvider(OffPeak));
        var (router, providers, _) = Router(options: Budget(1m), ledger: ledger);
        providers["qwen"].OnResponse = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "no usage")));

        var response = await router.GetResponseAsync(Hello);

        Assert.Null(response.GetCost());
        Assert.Equal(response.GetRoutingDecision()!.Candidates[0].EstimatedCost, (await ledger.GetSummaryAsync("month:2026-11")).Settled);
    }

    [Fact]
    public async Task GetResponseAsync_PinnedUnpricedModelUnderBudget_IsRefused()
    {
        var (router, providers, _) = Router(options: Budget(1m));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello, new ChatOptions { ModelId = "kimi/unknown-model" }));

        Assert.Equal(LlmErrorKind.BudgetExceeded, ex.Kind);
        Assert.Contains("price of kimi/unknown-model is unknown", ex.Message, StringComparison.Ordinal);
        Assert.Empty(providers["kimi"].Calls);
    }

    [Fact]
    public async Task GetResponseAsync_BudgetSpent_NewPeriodStartsClean()
    {
        var options = Budget(0.0025m, BudgetPeriod.Day);
        var (router, _, time) = Router(options: options);
        options.Budget.Limit = null; // the router copied the options; this changes nothing

        await router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 500 });
        var refused = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 500 }));
        time.Advance(TimeSpan.FromDays(1));
        var nextDay = await router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 500 });

        Assert.Equal(LlmErrorKind.BudgetExceeded, refused.Kind);
        Assert.NotNull(nextDay.GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_200ConcurrentCalls_AdmitsExactlyWhatFitsAndCountsEveryCostOnce()
    {
        var ledger = new InMemorySpendLedger(new FakeTimeProvider(OffPeak));
        var catalog = CatalogOf(Card("qwen", "q1", ModelTier.Standard, 0.8m, 2m));
        var estimate = ((TokenEstimator.Shared.EstimateInputTokens(Hello) * 0.8m) + (1_024 * 2m)) / 1_000_000m;
        var limit = estimate * 50.5m;
        var (router, providers, _) = Router(catalog, Budget(limit), ledger: ledger);
        var release = new TaskCompletionSource();
        var started = 0;

        // Each call reports exactly the usage it was estimated at, so the estimate is the real cost.
        providers["qwen"].OnResponse = async (messages, options, _) =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                Usage = new UsageDetails
                {
                    InputTokenCount = TokenEstimator.Shared.EstimateInputTokens(messages, options),
                    OutputTokenCount = new RoutingOptions().ExpectedOutputTokens,
                },
            };
        };

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() => router.GetResponseAsync(Hello))).ToList();
        var refusals = 0;
        while (Volatile.Read(ref started) + Volatile.Read(ref refusals) < 200)
        {
            refusals = calls.Count(c => c.IsFaulted);
            await Task.Delay(5);
        }

        var summaryInFlight = await ledger.GetSummaryAsync("month:2026-11");
        release.SetResult();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                return (Response: await c, Error: (ChineseLlmException?)null);
            }
            catch (ChineseLlmException ex)
            {
                return (Response: (ChatResponse?)null, Error: ex);
            }
        }));

        var succeeded = outcomes.Where(o => o.Response is not null).Select(o => o.Response!).ToList();
        Assert.Equal(50, succeeded.Count);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(LlmErrorKind.BudgetExceeded, o.Error!.Kind));
        Assert.Equal(50, summaryInFlight.OpenReservations);
        Assert.Equal(estimate * 50, summaryInFlight.Reserved);
        var summary = await ledger.GetSummaryAsync("month:2026-11");
        Assert.Equal(succeeded.Sum(r => r.GetCost()!.Value), summary.Settled);
        Assert.Equal(estimate * 50, summary.Settled);
        Assert.True(summary.Settled <= limit);
        Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
        Assert.Equal(50, providers["qwen"].Calls.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WithinBudget_SettlesRealCostOrEstimateWhenAbandoned()
    {
        var ledger = new InMemorySpendLedger(new FakeTimeProvider(OffPeak));
        var (router, _, _) = Router(options: Budget(1m), ledger: ledger);

        var updates = await router.GetStreamingResponseAsync(Hello).ToListAsync();
        var afterCompleted = await ledger.GetSummaryAsync("month:2026-11");
        await foreach (var update in router.GetStreamingResponseAsync(Hello))
        {
            break;
        }

        var afterAbandoned = await ledger.GetSummaryAsync("month:2026-11");
        Assert.Equal(updates[^1].GetCost(), afterCompleted.Settled);
        var estimate = updates[^1].GetRoutingDecision()!.Candidates[0].EstimatedCost!.Value;
        Assert.Equal(afterCompleted.Settled + estimate, afterAbandoned.Settled);
        Assert.Equal(0, afterAbandoned.OpenReservations);
    }
}
