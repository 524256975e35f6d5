using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisBudgetStoreTests(RedisServerFixture redis)
{
    private const string Period = "month:2026-11";
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly FakeTimeProvider _clock = RedisTestConnections.Clock();

    [Fact]
    public async Task ReserveAsync_WithinLimit_HoldsAmount()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);

        var (accepted, totals) = await store.ReserveAsync(Period, "a", 0.4m, 1m, Later(15), default);

        Assert.True(accepted);
        Assert.Equal(new BudgetTotals(0m, 0.4m, 1), totals);
        Assert.Equal(new BudgetTotals(0m, 0.4m, 1), await store.GetTotalsAsync(Period, default));
    }

    [Fact]
    public async Task ReserveAsync_PastLimit_RefusesAndHoldsNothing()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        Assert.True((await store.ReserveAsync(Period, "a", 0.6m, 1m, Later(15), default)).Accepted);

        var (accepted, totals) = await store.ReserveAsync(Period, "b", 0.400000000000001m, 1m, Later(15), default);

        Assert.False(accepted);
        Assert.Equal(new BudgetTotals(0m, 0.6m, 1), totals);
        Assert.True((await store.ReserveAsync(Period, "c", 0.4m, 1m, Later(15), default)).Accepted); // exactly at the limit is allowed
    }

    [Fact]
    public async Task SettleAsync_ReplacesHoldWithRealCost()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);

        Assert.True(await store.SettleAsync(Period, "a", 0.123456789012345m, default));

        Assert.Equal(new BudgetTotals(0.123456789012345m, 0m, 0), await store.GetTotalsAsync(Period, default));
    }

    [Fact]
    public async Task SettleAsync_Twice_CountsOnce()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);

        Assert.True(await store.SettleAsync(Period, "a", 0.25m, default));
        Assert.False(await store.SettleAsync(Period, "a", 0.25m, default));
        Assert.False(await store.ReleaseAsync(Period, "a", default));

        Assert.Equal(0.25m, (await store.GetTotalsAsync(Period, default)).Settled);
    }

    [Fact]
    public async Task ReleaseAsync_DropsHoldWithoutSpending_AndLaterSettleIsIgnored()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);

        Assert.True(await store.ReleaseAsync(Period, "a", default));
        Assert.False(await store.SettleAsync(Period, "a", 0.5m, default));

        Assert.Equal(new BudgetTotals(0m, 0m, 0), await store.GetTotalsAsync(Period, default));
    }

    [Fact]
    public async Task ReserveAsync_AfterExpiry_NoLongerCountsDeadReservation()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "dead", 0.9m, 1m, Later(15), default);
        Assert.False((await store.ReserveAsync(Period, "b", 0.5m, 1m, Later(15), default)).Accepted);

        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(new BudgetTotals(0m, 0m, 0), await store.GetTotalsAsync(Period, default));
        Assert.True((await store.ReserveAsync(Period, "b", 0.5m, 1m, Later(15), default)).Accepted);
        Assert.False(await redis.Admin.GetDatabase().HashExistsAsync(connection.Keys.Budget(Period).Holds, "dead"));
    }

    [Fact]
    public async Task SettleAsync_AfterExpiry_StillCountsCost()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "slow", 0.3m, 1m, Later(1), default);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0m, (await store.GetTotalsAsync(Period, default)).Reserved);

        Assert.True(await store.SettleAsync(Period, "slow", 0.2m, default));

        Assert.Equal(new BudgetTotals(0.2m, 0m, 0), await store.GetTotalsAsync(Period, default));
    }

    [Fact]
    public async Task ReserveAsync_NewPeriod_StartsClean()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "a", 1m, 1m, Later(15), default);
        await store.SettleAsync(Period, "a", 1m, default);

        var (accepted, totals) = await store.ReserveAsync("month:2026-12", "b", 1m, 1m, Later(15), default);

        Assert.True(accepted);
        Assert.Equal(new BudgetTotals(0m, 1m, 1), totals);
        Assert.Equal(1m, (await store.GetTotalsAsync(Period, default)).Settled);
    }

    [Fact]
    public async Task ReserveAsync_SameIdTwice_HoldsOnce()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);

        await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);
        var (accepted, totals) = await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);

        Assert.True(accepted);
        Assert.Equal(new BudgetTotals(0m, 0.5m, 1), totals);
    }

    [Fact]
    public async Task ReserveAsync_IdAlreadyClosed_HoldsNothing()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        await store.SettleAsync(Period, "late", 0.1m, default); // a settle that overtook its own reservation

        var (accepted, totals) = await store.ReserveAsync(Period, "late", 0.5m, 10m, Later(15), default);

        Assert.True(accepted);
        Assert.Equal(new BudgetTotals(0.1m, 0m, 0), totals);
    }

    [Fact]
    public async Task Keys_AreUnderPrefixAndPeriod_WithRetention()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock, o => o.KeyRetention = TimeSpan.FromDays(40));
        var store = new RedisBudgetStore(connection);
        await store.ReserveAsync(Period, "a", 0.5m, 10m, Later(15), default);
        await store.SettleAsync(Period, "a", 0.5m, default);

        var db = redis.Admin.GetDatabase();
        var totals = $"chinesellm:{_prefix}:budget:{{{Period}}}:totals";
        Assert.Equal("0.500000000000000", (string?)await db.HashGetAsync(totals, "settled"));
        var ttl = await db.KeyTimeToLiveAsync(totals);
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(39.9), TimeSpan.FromDays(40));
        Assert.True(await db.SortedSetScoreAsync($"chinesellm:{_prefix}:budget:{{{Period}}}:closed", "a") is not null);
    }

    [Fact]
    public async Task SettleAsync_ManyTinyCosts_SumsExactly()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisBudgetStore(connection);
        var expected = 0m;
        for (var i = 0; i < 200; i++)
        {
            var cost = 0.000001234567891m * (i + 1) + 0.999999999999999m;
            expected += cost;
            Assert.True((await store.ReserveAsync(Period, "r" + i, cost, 1_000m, Later(15), default)).Accepted);
            await store.SettleAsync(Period, "r" + i, cost, default);
        }

        Assert.Equal(expected, (await store.GetTotalsAsync(Period, default)).Settled);
    }

    [Fact]
    public async Task ReserveAsync_ConcurrentFromSeveralConnections_NeverPassesLimit()
    {
        var connections = Enumerable.Range(0, 4).Select(_ => RedisTestConnections.Create(redis, _prefix, _clock)).ToArray();
        try
        {
            var stores = connections.Select(c => new RedisBudgetStore(c)).ToArray();

            // 0.07 CNY each under a 10 CNY limit: exactly 142 fit.
            var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
                stores[i % stores.Length].ReserveAsync(Period, "c" + i, 0.07m, 10m, Later(15), default)));

            Assert.Equal(142, results.Count(r => r.Accepted));
            Assert.Equal(new BudgetTotals(0m, 9.94m, 142), await stores[0].GetTotalsAsync(Period, default));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private DateTimeOffset Later(int minutes) => _clock.GetUtcNow().AddMinutes(minutes);
}
