using System.Diagnostics;
using ChineseLlm.Client.Routing;
using ChineseLlm.Client.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// Several router instances (separate service providers, separate provider simulators) in one process, sharing one
/// real redis-server through <c>UseRedis</c>: the budget, cooldowns and rate limits hold for the fleet.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisFleetTests(RedisServerFixture redis)
{
    /// <summary>Saturday 2026-11-21 12:00 Beijing: DeepSeek's off-peak prices; budget period month:2026-11.</summary>
    private static readonly DateTimeOffset OffPeak = new(2026, 11, 21, 4, 0, 0, TimeSpan.Zero);
    private const string Period = "month:2026-11";
    private const int MaxOutput = 64;

    /// <summary>How long the stall tests hold Redis's writes: long enough for a whole call to run inside it on a busy machine.</summary>
    private static readonly TimeSpan StallFor = TimeSpan.FromSeconds(4);

    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly FakeTimeProvider _clock = new(OffPeak);

    private static List<ChatMessage> Prompt => [new(ChatRole.User, "用C语言写一个两数相加的程序")];

    private static ChatOptions Options => new() { MaxOutputTokens = MaxOutput };

    [Fact]
    public async Task GetResponseAsync_500ConcurrentCallsAcrossFourInstances_BudgetNeverExceededAndEachSettledCallCountedOnce()
    {
        const decimal limit = 0.03m;
        var fleet = Enumerable.Range(0, 4).Select(_ => FleetInstance.Start(redis.EndPoint, _prefix, _clock, limit)).ToArray();
        try
        {
            foreach (var instance in fleet)
            {
                instance.Simulator.SetReply(_ => RealisticReply());
            }

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
            {
                try
                {
                    var response = await fleet[i % fleet.Length].Router.GetResponseAsync(Prompt, Options);
                    return (Response: response, Refusal: (ChineseLlmException?)null);
                }
                catch (ChineseLlmException ex)
                {
                    return (Response: (ChatResponse?)null, Refusal: ex);
                }
            })));

            var succeeded = outcomes.Where(o => o.Response is not null).Select(o => o.Response!).ToList();
            var refused = outcomes.Where(o => o.Refusal is not null).Select(o => o.Refusal!).ToList();
            var summary = await fleet[0].Ledger.GetSummaryAsync(Period);

            Assert.All(refused, ex => Assert.Equal(LlmErrorKind.BudgetExceeded, ex.Kind));
            Assert.InRange(succeeded.Count, 50, 450); // the budget allows only some
            Assert.Equal(500, succeeded.Count + refused.Count);
            Assert.Equal(succeeded.Count, fleet.Sum(f => f.Simulator.Requests.Count(r => r.IsChat))); // each success sent once, no refused call sent
            Assert.All(succeeded, r => Assert.True(r.GetCost() <= r.GetRoutingDecision()!.Attempts[^1].EstimatedCost, "the test's premise: no call costs more than its estimate"));
            Assert.Equal(succeeded.Sum(r => r.GetCost()!.Value), summary.Settled);
            Assert.True(summary.Settled <= limit, $"spent {summary.Settled} of {limit}");
            Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
            Assert.Equal(FormatStored(summary.Settled), await redis.Admin.GetDatabase().HashGetAsync($"chinesellm:{_prefix}:budget:{{{Period}}}:totals", "settled"));
        }
        finally
        {
            foreach (var instance in fleet)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task GetResponseAsync_InstanceKilledMidCall_ReservationExpiresAndBudgetIsFreed()
    {
        await using var survivor = FleetInstance.Start(redis.EndPoint, _prefix, _clock, budget: 0.0005m);
        survivor.Simulator.SetReply(_ => RealisticReply());
        var doomed = FleetInstance.Start(redis.EndPoint, _prefix, _clock, budget: 0.0005m);
        doomed.Simulator.SetReply(new SimulatedReply { InputTokens = 10, OutputTokens = 10, Latency = TimeSpan.FromHours(1) });
        using var cancel = new CancellationTokenSource();

        var hanging = doomed.Router.GetResponseAsync(Prompt, Options, cancel.Token);
        var held = await WaitForAsync(async () => await survivor.Ledger.GetSummaryAsync(Period) is { OpenReservations: 1 } s ? s : null);

        // The instance dies: its Redis connection goes first, so nothing it does afterwards reaches the fleet.
        await doomed.Services.GetRequiredService<RedisConnection>().DisposeAsync();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        await doomed.DisposeAsync();

        Assert.Equal(held, await survivor.Ledger.GetSummaryAsync(Period)); // still held by the dead call
        var refused = await Assert.ThrowsAsync<ChineseLlmException>(() => survivor.Router.GetResponseAsync(Prompt, Options));
        Assert.Equal(LlmErrorKind.BudgetExceeded, refused.Kind);

        _clock.Advance(TimeSpan.FromMinutes(15)); // the router's reservation lifetime

        Assert.Equal(new SpendSummary(Period, 0m, 0m, 0), await survivor.Ledger.GetSummaryAsync(Period));
        Assert.Equal(0, await redis.Admin.GetDatabase().HashLengthAsync($"chinesellm:{_prefix}:budget:{{{Period}}}:holds"));
        var response = await survivor.Router.GetResponseAsync(Prompt, Options);
        Assert.Equal(response.GetCost(), (await survivor.Ledger.GetSummaryAsync(Period)).Settled);
    }

    [Fact]
    public async Task GetResponseAsync_QuotaFailureOnOneInstance_CoolsProviderDownForTheOthers()
    {
        await using var first = FleetInstance.Start(redis.EndPoint, _prefix, _clock);
        await using var second = FleetInstance.Start(redis.EndPoint, _prefix, _clock);
        first.Simulator.SetFault("deepseek", SimulatedFault.Error(LlmErrorKind.QuotaExceeded));
        first.Simulator.SetReply(_ => RealisticReply());
        second.Simulator.SetReply(_ => RealisticReply());

        var failedOver = await first.Router.GetResponseAsync(Prompt, Options);
        var routed = await second.Router.GetResponseAsync(Prompt, Options);

        Assert.Equal("kimi", failedOver.GetProvider());
        Assert.Equal("kimi", routed.GetProvider());
        Assert.Empty(second.Simulator.RequestsTo("deepseek")); // never tried: the fleet knows deepseek's quota is gone
        Assert.Contains(routed.GetRoutingDecision()!.Candidates, c => c.Provider == "deepseek" && c.SkipReason == RoutingSkipReason.ProviderCoolingDown);
        Assert.StartsWith("QuotaExceeded|", (string?)await redis.Admin.GetDatabase().StringGetAsync($"chinesellm:{_prefix}:cooldown:{{deepseek}}"));

        _clock.Advance(TimeSpan.FromMinutes(10)); // RoutingOptions.Cooldown's default

        Assert.Equal("deepseek", (await second.Router.GetResponseAsync(Prompt, Options)).GetProvider());
    }

    [Fact]
    public async Task GetResponseAsync_ModelNotFoundOnOneInstance_OthersSkipThatModelUntilModelNotFoundCooldownPasses()
    {
        await using var first = FleetInstance.Start(redis.EndPoint, _prefix, _clock);
        await using var second = FleetInstance.Start(redis.EndPoint, _prefix, _clock);
        first.Simulator.SetReply(_ => RealisticReply());
        second.Simulator.SetReply(_ => RealisticReply());

        // Whichever model the catalog makes cheapest is the one the vendor "retires".
        var cheapest = await second.Router.GetResponseAsync(Prompt, Options);
        var (provider, model) = (cheapest.GetProvider()!, cheapest.ModelId!);
        second.Simulator.ClearRequests();
        first.Simulator.SetFault(provider, model, SimulatedFault.Error(LlmErrorKind.ModelNotFound));

        var failedOver = await first.Router.GetResponseAsync(Prompt, Options);
        var routed = await second.Router.GetResponseAsync(Prompt, Options);

        Assert.Equal((LlmErrorKind.ModelNotFound, model), (failedOver.GetRoutingDecision()!.Attempts[0].ErrorKind, failedOver.GetRoutingDecision()!.Attempts[0].ModelId));
        Assert.NotEqual(model, failedOver.ModelId);
        Assert.NotEqual(model, routed.ModelId);
        Assert.DoesNotContain(second.Simulator.Requests, r => r.IsChat && r.Model == model); // never tried: the fleet knows the model is gone
        Assert.Contains(routed.GetRoutingDecision()!.Candidates, c => c.Provider == provider && c.ModelId == model && c.SkipReason == RoutingSkipReason.ModelUnavailable);
        Assert.StartsWith("ModelNotFound|", (string?)await redis.Admin.GetDatabase().StringGetAsync($"chinesellm:{_prefix}:cooldown:{{{provider}/{model.ToLowerInvariant()}}}"));
        Assert.Null((string?)await redis.Admin.GetDatabase().StringGetAsync($"chinesellm:{_prefix}:cooldown:{{{provider}}}")); // the provider itself is not cooling down

        _clock.Advance(TimeSpan.FromHours(1)); // RoutingOptions.ModelNotFoundCooldown's default

        Assert.Equal(model, (await second.Router.GetResponseAsync(Prompt, Options)).ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_FleetRateLimitReached_FailsOverWithoutCallingTheProvider()
    {
        void Limit(ChineseLlmRedisOptions o) => o.RateLimits["deepseek"] = new ProviderRateLimitOptions { RequestsPerMinute = 3 };
        await using var first = FleetInstance.Start(redis.EndPoint, _prefix, _clock, configureRedis: Limit);
        await using var second = FleetInstance.Start(redis.EndPoint, _prefix, _clock, configureRedis: Limit);
        first.Simulator.SetReply(_ => RealisticReply());
        second.Simulator.SetReply(_ => RealisticReply());

        var providers = new List<string?>();
        for (var i = 0; i < 8; i++)
        {
            providers.Add((await (i % 2 == 0 ? first : second).Router.GetResponseAsync(Prompt, Options)).GetProvider());
        }

        Assert.Equal(3, providers.Count(p => p == "deepseek"));
        Assert.Equal(5, providers.Count(p => p == "kimi"));
        Assert.Equal(3, first.Simulator.RequestsTo("deepseek").Count + second.Simulator.RequestsTo("deepseek").Count);
    }

    [Fact]
    public async Task GetResponseAsync_RedisUnreachableFailClosed_RefusesFastWithoutSending()
    {
        await using var instance = FleetInstance.Start("127.0.0.1:" + RedisConnectionTests.ClosedPort(), _prefix, _clock, budget: 10m,
            configureRedis: o => o.ConnectTimeout = TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();

        var first = await Assert.ThrowsAsync<ChineseLlmException>(() => instance.Router.GetResponseAsync(Prompt, Options));
        var firstTook = watch.Elapsed;
        watch.Restart();
        var second = await Assert.ThrowsAsync<ChineseLlmException>(() => instance.Router.GetResponseAsync(Prompt, Options));

        Assert.Equal(LlmErrorKind.BudgetExceeded, first.Kind);
        Assert.Contains("WhenUnavailable is FailClosed", first.Message, StringComparison.Ordinal);
        Assert.IsType<RedisUnavailableException>(first.InnerException);
        Assert.Equal(LlmErrorKind.BudgetExceeded, second.Kind);
        Assert.Empty(instance.Simulator.Requests);
        Assert.True(firstTook < TimeSpan.FromSeconds(8), $"the first call took {firstTook} (connect timeout 5 s)");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"a later call took {watch.Elapsed}: it must not wait for a connect (5 s)");
    }

    [Fact]
    public async Task GetResponseAsync_RedisUnreachableFailOpen_CallsGoThroughUnbudgeted()
    {
        await using var instance = FleetInstance.Start("127.0.0.1:" + RedisConnectionTests.ClosedPort(), _prefix, _clock, budget: 10m,
            configureRedis: o => o.WhenUnavailable = RedisUnavailablePolicy.FailOpen);
        instance.Simulator.SetReply(_ => RealisticReply());

        var response = await instance.Router.GetResponseAsync(Prompt, Options);

        Assert.NotNull(response.GetCost());
        Assert.Single(instance.Simulator.Requests, r => r.IsChat);
        Assert.Equal(1, ((RedisSpendLedger)instance.Ledger).PendingCount); // its cost waits for Redis
    }

    [Fact]
    public async Task GetResponseAsync_RedisStallsPastOperationTimeout_RefusedInTime_AndHoldFreedAfterwards()
    {
        await using var instance = FleetInstance.Start(redis.EndPoint, _prefix, _clock, budget: 10m, configureRedis: o => o.OperationTimeout = TimeSpan.FromMilliseconds(200));
        instance.Simulator.SetReply(_ => RealisticReply());
        await WarmUpAsync(instance);
        await instance.Router.GetResponseAsync(Prompt, Options);
        await redis.PauseWritesAsync(StallFor);
        var watch = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<ChineseLlmException>(() => instance.Router.GetResponseAsync(Prompt, Options));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"refused after {watch.Elapsed}, with Redis stalled for {StallFor} and an operation timeout of 200 ms");
        Assert.Equal(LlmErrorKind.BudgetExceeded, refused.Kind);

        // Whether or not the stalled script ran once Redis resumed, the pending release frees any hold it left.
        await redis.Admin.GetDatabase().StringSetAsync($"chinesellm:{_prefix}:probe", "1"); // a write waits until Redis resumes
        var summary = await DrainedAsync(instance);
        Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
    }

    [Fact]
    public async Task GetResponseAsync_FailOpenWhileRedisStalls_CostRecordedExactlyOnceWhenBack()
    {
        await using var instance = FleetInstance.Start(redis.EndPoint, _prefix, _clock, budget: 10m, configureRedis: o =>
        {
            o.OperationTimeout = TimeSpan.FromMilliseconds(200);
            o.WhenUnavailable = RedisUnavailablePolicy.FailOpen;
        });
        instance.Simulator.SetReply(_ => RealisticReply());
        await WarmUpAsync(instance);
        var before = await instance.Router.GetResponseAsync(Prompt, Options);
        await redis.PauseWritesAsync(StallFor);

        var during = await instance.Router.GetResponseAsync(Prompt, Options); // reserve and settle both time out; the call goes ahead

        Assert.Equal(1, ((RedisSpendLedger)instance.Ledger).PendingCount);
        await redis.Admin.GetDatabase().StringSetAsync($"chinesellm:{_prefix}:probe", "1"); // a write waits until Redis resumes
        var summary = await DrainedAsync(instance); // the pending settle is written once Redis answers

        // Had the stalled scripts run when Redis resumed, writing the same settle again changed nothing: counted once either way.
        Assert.Equal(before.GetCost() + during.GetCost(), summary.Settled);
        Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokensPerMinute_CountedFromStreamUsage()
    {
        await using var instance = FleetInstance.Start(redis.EndPoint, _prefix, _clock,
            configureRedis: o => o.RateLimits["deepseek"] = new ProviderRateLimitOptions { TokensPerMinute = 100 });
        instance.Simulator.SetReply(new SimulatedReply { Text = "int main() { return 0; }", InputTokens = 40, OutputTokens = 60 });

        var updates = await instance.Router.GetStreamingResponseAsync(Prompt, Options).ToListAsync();
        var next = await instance.Router.GetResponseAsync(Prompt, Options);

        Assert.Equal("deepseek", updates.Select(u => u.GetProvider()).Last(p => p is not null));
        Assert.Equal("kimi", next.GetProvider());
        var refusal = next.GetRoutingDecision()!.Attempts[0];
        Assert.Equal(("deepseek", LlmErrorKind.RateLimited), (refusal.Provider, refusal.ErrorKind));
        Assert.Single(instance.Simulator.RequestsTo("deepseek"));
    }

    /// <summary>Usage like the vendors' fixtures report for a short prompt: a few input tokens (some cached) and up to <see cref="MaxOutput"/> output tokens.</summary>
    private static SimulatedReply RealisticReply()
    {
        var input = Random.Shared.Next(5, 13);
        return new SimulatedReply
        {
            Text = "#include <stdio.h>\nint main(void) { int a, b; scanf(\"%d %d\", &a, &b); printf(\"%d\\n\", a + b); return 0; }",
            InputTokens = input,
            CachedInputTokens = Random.Shared.Next(0, input),
            OutputTokens = Random.Shared.Next(1, MaxOutput + 1),
            Latency = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)),
        };
    }

    private static string FormatStored(decimal amount) => amount.ToString("0.000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Connects and loads the scripts before a test that times Redis: a cold process can miss a short timeout once.</summary>
    private static async Task WarmUpAsync(FleetInstance instance)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await instance.Ledger.GetSummaryAsync(Period);
                return;
            }
            catch (ChineseLlmException) when (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Reads the summary (which first writes what waited for Redis) until nothing is pending any more.</summary>
    private static Task<SpendSummary> DrainedAsync(FleetInstance instance) => WaitForAsync(async () =>
    {
        try
        {
            var summary = await instance.Ledger.GetSummaryAsync(Period);
            return ((RedisSpendLedger)instance.Ledger).PendingCount == 0 ? summary : null;
        }
        catch (ChineseLlmException)
        {
            return null; // a short operation timeout on a busy machine: try again
        }
    });

    private static async Task<SpendSummary> WaitForAsync(Func<Task<SpendSummary?>> probe)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting");
            await Task.Delay(20);
        }
    }
}
