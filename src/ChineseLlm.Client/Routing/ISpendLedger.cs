namespace ChineseLlm.Client.Routing;

/// <summary>
/// Keeps what the router has spent per budget period and the reservations of calls in flight, so that a budget
/// (<c>ChineseLlm:Routing:Budget</c>) holds under concurrency.
/// </summary>
/// <remarks>
/// <para>The protocol per call: <see cref="TryReserveAsync"/> the estimated cost before anything is sent (refused when
/// settled + reserved + amount would pass the limit); then exactly one of <see cref="SettleAsync"/> with the real cost
/// when the call ended, or <see cref="ReleaseAsync"/> when it failed. Settling or releasing a reservation twice has no
/// further effect, so every call is counted once. A reservation that is neither settled nor released stops holding
/// budget at <see cref="SpendReservation.ExpiresAt"/> (an instance that died mid-call leaks nothing); settling it later
/// still counts its cost.</para>
/// <para>Amounts are CNY <see cref="decimal"/>s at full precision. Periods are opaque keys chosen by the router (for
/// example <c>month:2026-11</c>); a new key starts with nothing spent. The default implementation keeps the ledger in
/// memory for one process; a shared store (such as Redis, with one atomic script per operation and the period in the
/// key) lets several processes share one budget.</para>
/// <para>Implementations must be thread-safe.</para>
/// </remarks>
[Experimental(RoutingDefaults.ExperimentalDiagnosticId, UrlFormat = RoutingDefaults.ExperimentalUrlFormat)]
public interface ISpendLedger
{
    /// <summary>Reserves <paramref name="amount"/> in <paramref name="period"/> if the limit allows it.</summary>
    /// <param name="period">The budget period key.</param>
    /// <param name="amount">The estimated cost of the call, in CNY; zero or more.</param>
    /// <param name="limit">The period's limit, in CNY.</param>
    /// <param name="lifetime">How long the reservation holds its amount unless settled or released first.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The reservation, or <see langword="null"/> when settled + reserved + <paramref name="amount"/> would exceed <paramref name="limit"/>.</returns>
    ValueTask<SpendReservation?> TryReserveAsync(string period, decimal amount, decimal limit, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Ends a reservation and adds the call's real cost to its period.</summary>
    /// <param name="reservation">The reservation returned by <see cref="TryReserveAsync"/>.</param>
    /// <param name="cost">The real cost of the call, in CNY.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the cost is recorded.</returns>
    ValueTask SettleAsync(SpendReservation reservation, decimal cost, CancellationToken cancellationToken = default);

    /// <summary>Ends a reservation without spending anything (the call failed before it cost anything).</summary>
    /// <param name="reservation">The reservation returned by <see cref="TryReserveAsync"/>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the reservation is released.</returns>
    ValueTask ReleaseAsync(SpendReservation reservation, CancellationToken cancellationToken = default);

    /// <summary>Reads what a period has spent and holds in open reservations.</summary>
    /// <param name="period">The budget period key.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The period's totals; zero for a period with no activity.</returns>
    ValueTask<SpendSummary> GetSummaryAsync(string period, CancellationToken cancellationToken = default);
}
