namespace ChineseLlm.Client;

/// <summary>
/// Builds the router's result types, whose constructors are not public, so that code reading
/// <see cref="ChatResponseRoutingExtensions.GetRoutingDecision(Microsoft.Extensions.AI.ChatResponse)"/> can be tested
/// with fakes.
/// </summary>
public static class ChineseLlmModelFactory
{
    /// <summary>Creates a <see cref="RoutingDecision"/>.</summary>
    /// <param name="requestedTier">The tier the call asked for.</param>
    /// <param name="candidates">The models considered, eligible ones first; <see langword="null"/> for none.</param>
    /// <param name="attempts">The model calls made; <see langword="null"/> for none.</param>
    /// <param name="provider">The provider key of the model that answered, or <see langword="null"/>.</param>
    /// <param name="modelId">The id of the model that answered, or <see langword="null"/>.</param>
    /// <param name="cost">The cost of the call in CNY, or <see langword="null"/>.</param>
    /// <param name="requestedModelId">The pinned model, or <see langword="null"/>.</param>
    /// <param name="requiredCapabilities">The capabilities the call needed.</param>
    /// <param name="estimatedInputTokens">The estimated input tokens.</param>
    /// <param name="estimatedOutputTokens">The output tokens the estimate assumed.</param>
    /// <param name="decidedAt">When the decision was made.</param>
    /// <returns>The decision.</returns>
    public static RoutingDecision RoutingDecision(
        ModelTier requestedTier = ModelTier.Standard,
        IEnumerable<RoutingCandidate>? candidates = null,
        IEnumerable<RoutingAttempt>? attempts = null,
        string? provider = null,
        string? modelId = null,
        decimal? cost = null,
        string? requestedModelId = null,
        ModelCapabilities requiredCapabilities = ModelCapabilities.None,
        long estimatedInputTokens = 0,
        long estimatedOutputTokens = 0,
        DateTimeOffset decidedAt = default)
        => new(
            requestedTier,
            requestedModelId,
            requiredCapabilities,
            estimatedInputTokens,
            estimatedOutputTokens,
            decidedAt,
            (candidates ?? []).ToList().AsReadOnly(),
            (attempts ?? []).ToList().AsReadOnly(),
            provider,
            modelId,
            cost);

    /// <summary>Creates a <see cref="RoutingCandidate"/>.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="tier">The model's tier.</param>
    /// <param name="estimatedCost">The estimated cost in CNY, or <see langword="null"/>.</param>
    /// <param name="skipReason">Why the model was skipped, or <see langword="null"/> when it was eligible.</param>
    /// <param name="skipDetail">The details of <paramref name="skipReason"/>.</param>
    /// <returns>The candidate.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> or <paramref name="modelId"/> is <see langword="null"/> or empty.</exception>
    public static RoutingCandidate RoutingCandidate(
        string provider, string modelId, ModelTier? tier = null, decimal? estimatedCost = null, RoutingSkipReason? skipReason = null, string? skipDetail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        return new(provider, modelId, tier, estimatedCost, skipReason, skipDetail);
    }

    /// <summary>Creates a <see cref="RoutingAttempt"/>.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="outcome">How the call ended.</param>
    /// <param name="errorKind">What went wrong, for a failed call.</param>
    /// <param name="estimatedCost">The cost estimated before the call, in CNY.</param>
    /// <param name="cost">The real cost in CNY.</param>
    /// <param name="error">The failure's message.</param>
    /// <param name="duration">How long the call took.</param>
    /// <returns>The attempt.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> or <paramref name="modelId"/> is <see langword="null"/> or empty.</exception>
    public static RoutingAttempt RoutingAttempt(
        string provider,
        string modelId,
        RoutingAttemptOutcome outcome = RoutingAttemptOutcome.Succeeded,
        LlmErrorKind? errorKind = null,
        decimal? estimatedCost = null,
        decimal? cost = null,
        string? error = null,
        TimeSpan duration = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        return new(provider, modelId, estimatedCost, cost, outcome, errorKind, error, duration);
    }
}
