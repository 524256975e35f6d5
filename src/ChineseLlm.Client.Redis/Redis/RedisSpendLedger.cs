using System.Collections.Concurrent;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// The router's spend ledger shared by a fleet through Redis (<see cref="RedisBudgetStore"/>): one atomic script per
/// reserve, settle and release, in keys of the budget period, so every instance sees one budget.
/// </summary>
/// <remarks>
/// <para>When Redis cannot be reached, a reservation follows <see cref="ChineseLlmRedisOptions.WhenUnavailable"/>:
/// refused with <see cref="LlmErrorKind.BudgetExceeded"/> (<see cref="RedisUnavailablePolicy.FailClosed"/>, the default),
/// or let through unbudgeted (<see cref="RedisUnavailablePolicy.FailOpen"/>). A settle or release that cannot be
/// written is kept in memory and written when Redis answers again; both are idempotent by reservation id, so writing
/// one twice is harmless.</para>
/// </remarks>
internal sealed class RedisSpendLedger : ISpendLedger
{
    private readonly RedisBudgetStore _store;
    private readonly RedisConnection _connection;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<PendingClose> _pending = new();
    private int _pendingCount;
    private int _flushing;

    public RedisSpendLedger(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _store = new RedisBudgetStore(connection);
        _logger = connection.Logger;
    }

    /// <summary>Gets how many settles or releases wait for Redis to come back.</summary>
    internal int PendingCount => Volatile.Read(ref _pendingCount);

    public async ValueTask<SpendReservation?> TryReserveAsync(string period, decimal amount, decimal limit, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var id = Guid.NewGuid().ToString("N");
        var expiresAt = _connection.TimeProvider.GetUtcNow() + lifetime;
        try
        {
            // Costs that waited for Redis count before this reservation is judged.
            await FlushPendingAsync().ConfigureAwait(false);
            var (accepted, _) = await _store.ReserveAsync(period, id, amount, limit, expiresAt, cancellationToken).ConfigureAwait(false);
            return accepted ? new SpendReservation(id, period, amount, expiresAt) : null;
        }
        catch (RedisUnavailableException ex)
        {
            if (_connection.WhenUnavailable == RedisUnavailablePolicy.FailOpen)
            {
                Log.BudgetUnavailableAllowed(_logger, ex, amount, period, ex.Message);

                // Settled later like any other: the settle script counts a cost whose reservation it never saw.
                return new SpendReservation(id, period, amount, expiresAt);
            }

            Log.BudgetUnavailableRefused(_logger, ex, amount, period, ex.Message);
            if (ex.InnerException is TimeoutException)
            {
                // The script may have run without its answer arriving: free the hold rather than wait for it to expire.
                Enqueue(new PendingClose(period, id, Cost: null));
            }

            throw new ChineseLlmException(
                RedisDefaults.RouterName,
                LlmErrorKind.BudgetExceeded,
                $"the shared budget {period} in Redis could not be checked ({ex.Message}), so the call was refused before it was sent; " +
                $"{ChineseLlmRedisOptions.SectionName}:WhenUnavailable is FailClosed.",
                innerException: ex);
        }
    }

    public async ValueTask SettleAsync(SpendReservation reservation, decimal cost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        await CloseAsync(new PendingClose(reservation.Period, reservation.Id, cost), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(SpendReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        await CloseAsync(new PendingClose(reservation.Period, reservation.Id, Cost: null), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SpendSummary> GetSummaryAsync(string period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        try
        {
            // What waited for Redis is part of the books.
            await FlushPendingAsync().ConfigureAwait(false);
            var totals = await _store.GetTotalsAsync(period, cancellationToken).ConfigureAwait(false);
            return new SpendSummary(period, totals.Settled, totals.Reserved, totals.OpenReservations);
        }
        catch (RedisUnavailableException ex)
        {
            throw new ChineseLlmException(RedisDefaults.RouterName, LlmErrorKind.Network, $"the shared budget {period} could not be read from Redis ({ex.Message}).", innerException: ex);
        }
    }

    private async Task CloseAsync(PendingClose close, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(close, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisUnavailableException ex)
        {
            if (close.Cost is { } cost)
            {
                if (Enqueue(close))
                {
                    Log.CostPending(_logger, cost, close.Id, close.Period, ex.Message, PendingCount);
                }
                else
                {
                    Log.CostDropped(_logger, cost, close.Id, close.Period);
                }
            }
            else
            {
                Log.ReleaseFailed(_logger, close.Id, close.Period, ex.Message);
                Enqueue(close);
            }

            return;
        }

        await FlushPendingAsync().ConfigureAwait(false);
    }

    private Task<bool> WriteAsync(PendingClose close, CancellationToken cancellationToken) => close.Cost is { } cost
        ? _store.SettleAsync(close.Period, close.Id, cost, cancellationToken)
        : _store.ReleaseAsync(close.Period, close.Id, cancellationToken);

    private bool Enqueue(PendingClose close)
    {
        if (Interlocked.Increment(ref _pendingCount) > RedisDefaults.MaxPendingCosts)
        {
            Interlocked.Decrement(ref _pendingCount);
            return false;
        }

        _pending.Enqueue(close);
        return true;
    }

    /// <summary>Writes the settles and releases that waited for Redis; one flusher at a time, stopping at the first failure.</summary>
    private async Task FlushPendingAsync()
    {
        if (PendingCount == 0 || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        var written = 0;
        try
        {
            while (_pending.TryPeek(out var close))
            {
                await WriteAsync(close, CancellationToken.None).ConfigureAwait(false);
                if (_pending.TryDequeue(out _))
                {
                    Interlocked.Decrement(ref _pendingCount);
                }

                written++;
            }
        }
        catch (RedisUnavailableException)
        {
            // Down again: the rest waits for the next success.
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
            if (written > 0)
            {
                Log.PendingRecorded(_logger, written);
            }
        }
    }

    /// <summary>A settle (with its cost) or a release (without) that still has to reach Redis.</summary>
    private readonly record struct PendingClose(string Period, string Id, decimal? Cost);
}
