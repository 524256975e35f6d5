namespace ChineseLlm.Client.Routing;

/// <summary>The router's plan for one request: what it needs, what it was estimated at, and the models in the order to try.</summary>
internal sealed class RoutePlan
{
    public required ModelTier Tier { get; init; }

    public required string? PinnedModelId { get; init; }

    public required ModelCapabilities Required { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required bool Thinking { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>Gets the eligible models, cheapest first, ties broken by higher tier, then provider key, then model id (ordinal).</summary>
    public required List<PlannedRoute> Eligible { get; init; }

    /// <summary>Gets the models left out, each with its reason, in catalog order.</summary>
    public required List<PlannedRoute> Skipped { get; init; }
}
