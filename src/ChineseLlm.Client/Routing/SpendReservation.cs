namespace ChineseLlm.Client.Routing;

/// <summary>An amount of budget held for one call in flight, until it is settled, released or expires.</summary>
public sealed class SpendReservation
{
    /// <summary>Initializes a new instance of the <see cref="SpendReservation"/> class.</summary>
    /// <param name="id">The unique id of the reservation.</param>
    /// <param name="period">The budget period key it belongs to.</param>
    /// <param name="amount">The amount held, in CNY.</param>
    /// <param name="expiresAt">When it stops holding its amount unless settled or released first.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="period"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public SpendReservation(string id, string period, decimal amount, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(period);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Id = id;
        Period = period;
        Amount = amount;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the unique id of the reservation.</summary>
    public string Id { get; }

    /// <summary>Gets the budget period key the reservation belongs to.</summary>
    public string Period { get; }

    /// <summary>Gets the amount held, in CNY.</summary>
    public decimal Amount { get; }

    /// <summary>Gets when the reservation stops holding its amount unless it is settled or released first.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Returns the id, period and amount.</summary>
    /// <returns>A description of the reservation.</returns>
    public override string ToString() => FormattableString.Invariant($"{Id} ({Period}: {Amount} CNY until {ExpiresAt:u})");
}
