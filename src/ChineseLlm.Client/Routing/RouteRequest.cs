using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// What a routing decision reads from one request, derived once per call: the tier asked for, the capabilities the
/// request needs, its estimated tokens, thinking mode, a pinned model id and the caller's output limit.
/// </summary>
/// <param name="Tier">The lowest acceptable tier: the call's <see cref="ChatOptionsRoutingExtensions.WithTier"/>, else <see cref="RoutingOptions.DefaultTier"/>.</param>
/// <param name="Required">The capabilities the request needs (<see cref="RoutePlanner.RequiredCapabilities"/>).</param>
/// <param name="InputTokens">The estimated input tokens (<see cref="Catalog.TokenEstimator"/>).</param>
/// <param name="OutputTokens">The expected output tokens: the caller's <c>MaxOutputTokens</c>, else <see cref="RoutingOptions.ExpectedOutputTokens"/>.</param>
/// <param name="Thinking">Whether the call runs in thinking mode (a reasoning effort other than None): thinking-mode output prices apply.</param>
/// <param name="PinnedModelId">The model the caller pinned with <c>ChatOptions.ModelId</c>, trimmed; <see langword="null"/> when the router chooses.</param>
/// <param name="MaxOutputTokens">The caller's <c>MaxOutputTokens</c>, checked against each model's output limit.</param>
internal readonly record struct RouteRequest(
    ModelTier Tier,
    ModelCapabilities Required,
    long InputTokens,
    long OutputTokens,
    bool Thinking,
    string? PinnedModelId,
    int? MaxOutputTokens)
{
    /// <summary>Derives the request's routing inputs from its messages and options.</summary>
    /// <param name="settings">The routing settings in force (default tier, expected output tokens).</param>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    public static RouteRequest Of(RouterSettings settings, IList<ChatMessage> messages, ChatOptions? options)
        => new(
            options.GetTier() ?? settings.DefaultTier,
            RoutePlanner.RequiredCapabilities(messages, options),
            TokenEstimator.Shared.EstimateInputTokens(messages, options),
            options?.MaxOutputTokens is int max && max > 0 ? max : settings.ExpectedOutputTokens,
            options?.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None,
            string.IsNullOrWhiteSpace(options?.ModelId) ? null : options.ModelId.Trim(),
            options?.MaxOutputTokens);
}
