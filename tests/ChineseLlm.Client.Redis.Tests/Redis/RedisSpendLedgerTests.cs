using ChineseLlm.Client.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisSpendLedgerTests(RedisServerFixture redis)
{
    private const string Period = "day:2026-11-20";
    private readonly FakeTimeProvider _clock = RedisTestConnections.Clock();

    [Fact]
    public async Task TryReserveAsync_WithinLimit_ReturnsReservationExpiringAfterLifetime()
    {
        await using var connection = RedisTestConnections.Create(redis, RedisServerFixture.NewPrefix(), _clock);
        var ledger = new RedisSpendLedger(connection);

        var reservation = await ledger.TryReserveAsync(Period, 0.5m, 1m, TimeSpan.FromMinutes(15));

        Assert.NotNull(reservation);
        Assert.Equal((Period, 0.5m, _clock.GetUtcNow().AddMinutes(15)), (reservation.Period, reservation.Amount, reservation.ExpiresAt));
        Assert.Null(await ledger.TryReserveAsync(Period, 0.6m, 1m, TimeSpan.FromMinutes(15)));
        await ledger.SettleAsync(reservation, 0.2m);
        await ledger.SettleAsync(reservation, 0.2m);
        Assert.Equal(new SpendSummary(Period, 0.2m, 0m, 0), await ledger.GetSummaryAsync(Period));
    }

    [Fact]
    public async Task TryReserveAsync_RedisDownFailClosed_ThrowsBudgetExceededNamingThePolicy()
    {
        await using var connection = Unreachable(RedisUnavailablePolicy.FailClosed);
        var ledger = new RedisSpendLedger(connection);

        var error = await Assert.ThrowsAsync<ChineseLlmException>(() => ledger.TryReserveAsync(Period, 0.5m, 1m, TimeSpan.FromMinutes(15)).AsTask());

        Assert.Equal(("router", LlmErrorKind.BudgetExceeded, false), (error.Provider, error.Kind, error.IsTransient));
        Assert.Contains("ChineseLlm:Redis:WhenUnavailable is FailClosed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryReserveAsync_RedisDown_LogsPolicyWithoutConnectionString()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        await using var closed = new RedisConnection(Options(RedisUnavailablePolicy.FailClosed, "password=hunter2"), timeProvider: null, loggerFactory);
        await using var open = new RedisConnection(Options(RedisUnavailablePolicy.FailOpen, "password=hunter2"), timeProvider: null, loggerFactory);

        await Assert.ThrowsAsync<ChineseLlmException>(() => new RedisSpendLedger(closed).TryReserveAsync(Period, 0.5m, 1m, TimeSpan.FromMinutes(1)).AsTask());
        Assert.NotNull(await new RedisSpendLedger(open).TryReserveAsync(Period, 0.5m, 1m, TimeSpan.FromMinutes(1)));

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 2110 && r.Level == LogLevel.Error && r.Message.Contains("FailClosed", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 2111 && r.Level == LogLevel.Warning && r.Message.Contains("FailOpen", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains("hunter2", StringComparison.Ordinal) || (r.Exception?.ToString().Contains("hunter2", StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task SettleAsync_RedisDown_KeepsCostPendingUpToBound()
    {
        await using var connection = Unreachable(RedisUnavailablePolicy.FailOpen);
        var ledger = new RedisSpendLedger(connection);
        var reservation = await ledger.TryReserveAsync(Period, 0.5m, 1m, TimeSpan.FromMinutes(15));
        Assert.NotNull(reservation); // FailOpen: goes ahead

        await ledger.SettleAsync(reservation, 0.4m);
        await ledger.ReleaseAsync(reservation);

        Assert.Equal(2, ledger.PendingCount);
        var error = await Assert.ThrowsAsync<ChineseLlmException>(() => ledger.GetSummaryAsync(Period).AsTask());
        Assert.Equal(LlmErrorKind.Network, error.Kind);
    }

    [Fact]
    public async Task SettleAsync_AfterFailOpenReservation_CountsCostOnce()
    {
        await using var connection = RedisTestConnections.Create(redis, RedisServerFixture.NewPrefix(), _clock);
        var ledger = new RedisSpendLedger(connection);

        // A reservation Redis never saw (made while it was down) is settled like any other, once.
        var unrecorded = new SpendReservation("offline-1", Period, 0.5m, _clock.GetUtcNow().AddMinutes(15));
        await ledger.SettleAsync(unrecorded, 0.3m);
        await ledger.SettleAsync(unrecorded, 0.3m);

        Assert.Equal(new SpendSummary(Period, 0.3m, 0m, 0), await ledger.GetSummaryAsync(Period));
    }

    private static RedisConnection Unreachable(RedisUnavailablePolicy policy) => new(Options(policy));

    private static ChineseLlmRedisOptions Options(RedisUnavailablePolicy policy, string? extra = null) => new()
    {
        ConnectionString = "127.0.0.1:" + RedisConnectionTests.ClosedPort() + (extra is null ? string.Empty : "," + extra),
        ConnectTimeout = TimeSpan.FromMilliseconds(300),
        WhenUnavailable = policy,
    };
}
