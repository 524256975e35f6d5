namespace ChineseLlm.Client.Routing;

/// <summary>
/// The spend ledger of one process: per period, the settled total and the open reservations, behind one lock so
/// that every check-and-reserve is atomic and every total exact (<see cref="decimal"/>, no rounding).
/// </summary>
internal sealed class InMemorySpendLedger : ISpendLedger
{
    /// <summary>How many periods are kept; older idle periods are dropped (a new period starts clean anyway).</summary>
    private const int MaxPeriods = 16;

    private readonly object _gate = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _nextId;

    public InMemorySpendLedger(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    public ValueTask<SpendReservation?> TryReserveAsync(string period, decimal amount, decimal limit, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        cancellationToken.ThrowIfCancellationRequested();

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            var account = GetOrAdd(period);
            account.Expire(now);
            if (account.Settled + account.Reserved + amount > limit)
            {
                return ValueTask.FromResult<SpendReservation?>(null);
            }

            var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
            var reservation = new SpendReservation(id, period, amount, now + lifetime);
            account.Open.Add(id, reservation);
            account.Reserved += amount;
            return ValueTask.FromResult<SpendReservation?>(reservation);
        }
    }

    public ValueTask SettleAsync(SpendReservation reservation, decimal cost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        lock (_gate)
        {
            var account = GetOrAdd(reservation.Period);
            if (account.Close(reservation.Id))
            {
                account.Settled += cost;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(SpendReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        lock (_gate)
        {
            if (_accounts.TryGetValue(reservation.Period, out var account))
            {
                _ = account.Close(reservation.Id);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<SpendSummary> GetSummaryAsync(string period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_accounts.TryGetValue(period, out var account))
            {
                return ValueTask.FromResult(new SpendSummary(period, 0m, 0m, 0));
            }

            account.Expire(now);
            return ValueTask.FromResult(new SpendSummary(period, account.Settled, account.Reserved, account.Open.Count));
        }
    }

    private Account GetOrAdd(string period)
    {
        if (_accounts.TryGetValue(period, out var account))
        {
            return account;
        }

        if (_accounts.Count >= MaxPeriods)
        {
            // Drop the oldest idle periods; insertion order approximates age since periods only move forward.
            foreach (var stale in _accounts.Where(a => a.Value.Open.Count == 0).Select(a => a.Key).Take(_accounts.Count - MaxPeriods + 1).ToList())
            {
                _accounts.Remove(stale);
            }
        }

        account = new Account();
        _accounts.Add(period, account);
        return account;
    }

    /// <summary>One period's books. Guarded by the ledger's lock.</summary>
    private sealed class Account
    {
        public decimal Settled { get; set; }

        public decimal Reserved { get; set; }

        public Dictionary<string, SpendReservation> Open { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids already settled or released, so that a second settle or release changes nothing.</summary>
        private HashSet<string> Closed { get; } = new(StringComparer.Ordinal);

        /// <summary>Closes a reservation; returns <see langword="false"/> when it was already closed.</summary>
        public bool Close(string id)
        {
            if (!Closed.Add(id))
            {
                return false;
            }

            if (Open.Remove(id, out var reservation))
            {
                Reserved -= reservation.Amount;
            }

            return true;
        }

        /// <summary>Stops holding budget for reservations past their expiry (they can still be settled later).</summary>
        public void Expire(DateTimeOffset now)
        {
            if (Open.Count == 0)
            {
                return;
            }

            List<string>? expired = null;
            foreach (var (id, reservation) in Open)
            {
                if (reservation.ExpiresAt <= now)
                {
                    (expired ??= []).Add(id);
                }
            }

            foreach (var id in expired ?? [])
            {
                Open.Remove(id, out var reservation);
                Reserved -= reservation!.Amount;
            }
        }
    }
}
