using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Routing;

public sealed class InMemorySpendLedgerTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    private InMemorySpendLedger CreateSut() => new(_time);

    [Fact]
    public async Task TryReserveAsync_WithinLimit_HoldsTheAmountUntilSettled()
    {
        var ledger = CreateSut();

        var reservation = await ledger.TryReserveAsync("month:2026-11", 0.4m, 1m, Lifetime);

        Assert.NotNull(reservation);
        Assert.Equal(("month:2026-11", 0.4m, _time.GetUtcNow() + Lifetime), (reservation.Period, reservation.Amount, reservation.ExpiresAt));
        Assert.Equal(new SpendSummary("month:2026-11", 0m, 0.4m, 1), await ledger.GetSummaryAsync("month:2026-11"));
    }

    [Fact]
    public async Task TryReserveAsync_WouldPassLimit_IsRefusedAndExactLimitIsAllowed()
    {
        var ledger = CreateSut();
        var first = await ledger.TryReserveAsync("p", 0.6m, 1m, Lifetime);
        await ledger.SettleAsync(first!, 0.5m);

        var tooMuch = await ledger.TryReserveAsync("p", 0.5000000001m, 1m, Lifetime);
        var exact = await ledger.TryReserveAsync("p", 0.5m, 1m, Lifetime);

        Assert.Null(tooMuch);
        Assert.NotNull(exact);
        Assert.Equal(1m, (await ledger.GetSummaryAsync("p")).Committed);
    }

    [Fact]
    public async Task SettleAsync_Twice_CountsTheCostOnce()
    {
        var ledger = CreateSut();
        var reservation = await ledger.TryReserveAsync("p", 0.3m, 1m, Lifetime);

        await ledger.SettleAsync(reservation!, 0.25m);
        await ledger.SettleAsync(reservation!, 0.25m);
        await ledger.ReleaseAsync(reservation!);

        Assert.Equal(new SpendSummary("p", 0.25m, 0m, 0), await ledger.GetSummaryAsync("p"));
    }

    [Fact]
    public async Task ReleaseAsync_ThenSettle_SpendsNothing()
    {
        var ledger = CreateSut();
        var reservation = await ledger.TryReserveAsync("p", 0.3m, 1m, Lifetime);

        await ledger.ReleaseAsync(reservation!);
        await ledger.SettleAsync(reservation!, 0.3m);

        Assert.Equal(new SpendSummary("p", 0m, 0m, 0), await ledger.GetSummaryAsync("p"));
    }

    [Fact]
    public async Task TryReserveAsync_ExpiredReservation_StopsHoldingButLateSettleStillCounts()
    {
        var ledger = CreateSut();
        var stale = await ledger.TryReserveAsync("p", 0.8m, 1m, Lifetime);
        _time.Advance(Lifetime);

        var fresh = await ledger.TryReserveAsync("p", 0.8m, 1m, Lifetime);
        await ledger.SettleAsync(stale!, 0.7m);

        Assert.NotNull(fresh);
        Assert.Equal(new SpendSummary("p", 0.7m, 0.8m, 1), await ledger.GetSummaryAsync("p"));
    }

    [Fact]
    public async Task TryReserveAsync_PeriodsAreSeparate()
    {
        var ledger = CreateSut();
        await ledger.SettleAsync((await ledger.TryReserveAsync("day:2026-11-23", 1m, 1m, Lifetime))!, 1m);

        var nextDay = await ledger.TryReserveAsync("day:2026-11-24", 1m, 1m, Lifetime);

        Assert.NotNull(nextDay);
        Assert.Null(await ledger.TryReserveAsync("day:2026-11-23", 0.01m, 1m, Lifetime));
    }

    [Fact]
    public async Task TryReserveAsync_ManyPeriods_KeepsOnlyRecentIdleOnes()
    {
        var ledger = CreateSut();
        for (var day = 1; day <= 40; day++)
        {
            await ledger.SettleAsync((await ledger.TryReserveAsync($"day:{day}", 1m, 1m, Lifetime))!, 1m);
        }

        Assert.Equal(1m, (await ledger.GetSummaryAsync("day:40")).Settled);
        Assert.Equal(0m, (await ledger.GetSummaryAsync("day:1")).Settled);
    }

    [Fact]
    public async Task TryReserveAsync_ConcurrentCallers_NeverPassTheLimitAndTotalsStayExact()
    {
        var ledger = CreateSut();
        const decimal amount = 0.0000123m;
        const decimal limit = amount * 1_000;

        var results = await Task.WhenAll(Enumerable.Range(0, 4_000).Select(i => Task.Run(async () =>
        {
            var reservation = await ledger.TryReserveAsync("p", amount, limit, Lifetime);
            if (reservation is null)
            {
                return 0;
            }

            if (i % 2 == 0)
            {
                await ledger.SettleAsync(reservation, amount);
            }

            return 1;
        })));

        var summary = await ledger.GetSummaryAsync("p");
        Assert.Equal(1_000, results.Sum());
        Assert.Equal(limit, summary.Committed);
        Assert.Equal(amount * summary.OpenReservations, summary.Reserved);
    }

    [Fact]
    public async Task Methods_InvalidArguments_Throw()
    {
        var ledger = CreateSut();

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryReserveAsync("", 1m, 1m, Lifetime).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.TryReserveAsync("p", -1m, 1m, Lifetime).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => ledger.SettleAsync(null!, 1m).AsTask());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpendReservation("id", "p", -0.01m, DateTimeOffset.UnixEpoch));
    }
}
