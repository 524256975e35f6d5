namespace ChineseLlm.Client.Routing;

/// <summary>What one budget period has spent and holds in open reservations.</summary>
/// <param name="Period">The budget period key.</param>
/// <param name="Settled">The real cost of the calls settled in the period, in CNY.</param>
/// <param name="Reserved">The amount held by open (unexpired) reservations, in CNY.</param>
/// <param name="OpenReservations">How many reservations are open.</param>
public readonly record struct SpendSummary(string Period, decimal Settled, decimal Reserved, int OpenReservations)
{
    /// <summary>Gets the settled and reserved amounts together, in CNY.</summary>
    public decimal Committed => Settled + Reserved;
}
