namespace ChineseLlm.Client;

/// <summary>
/// The public quality evidence a catalog row's tier rests on: one score on one pinned version and snapshot of a public
/// index (see docs/catalog.md, "Tiers").
/// </summary>
/// <remarks>Instances held by the model catalog are frozen: setting a property then throws <see cref="InvalidOperationException"/>.</remarks>
public sealed class ModelQuality
{

    /// <summary>Gets or sets the index and its version, for example <c>AA-Intelligence-v4.1</c> or <c>LMArena-Text</c>.</summary>
    /// <value>Required when <see cref="ModelCard.Quality"/> is set.</value>
    public string? Index { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the model's score on <see cref="Index"/>.</summary>
    /// <value>Required when <see cref="ModelCard.Quality"/> is set; never negative.</value>
    public decimal? Score { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the date of the index snapshot the score was read from.</summary>
    /// <value>Required when <see cref="ModelCard.Quality"/> is set.</value>
    public DateOnly? AsOf { get; set => field = Unfrozen(value); }

    internal bool IsFrozen { get; private set; }

    /// <summary>Returns <c>index score (as of date)</c>.</summary>
    /// <returns>The evidence in one line.</returns>
    public override string ToString() => $"{Index} {Score?.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({AsOf:yyyy-MM-dd})";

    internal ModelQuality Clone() => new() { Index = Index, Score = Score, AsOf = AsOf };

    internal void Freeze() => IsFrozen = true;

    private T Unfrozen<T>(T value) => IsFrozen ? throw new InvalidOperationException("This quality evidence belongs to a model catalog snapshot and cannot be changed.") : value;
}
