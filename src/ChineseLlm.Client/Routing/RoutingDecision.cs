using System.Text;

namespace ChineseLlm.Client;

/// <summary>
/// What the cost-aware router did for one call: the models it considered with their estimated costs, why each skipped
/// model was skipped, every model it called and how that ended, and which provider and model answered.
/// </summary>
/// <remarks>
/// Read it with <see cref="ChatResponseRoutingExtensions.GetRoutingDecision(Microsoft.Extensions.AI.ChatResponse)"/> on a
/// response or on the final streaming update, or from a failed call's <see cref="ChineseLlmException"/>. Instances are
/// immutable.
/// </remarks>
public sealed class RoutingDecision
{
    internal RoutingDecision(
        ModelTier requestedTier,
        string? requestedModelId,
        ModelCapabilities requiredCapabilities,
        long estimatedInputTokens,
        long estimatedOutputTokens,
        DateTimeOffset decidedAt,
        IReadOnlyList<RoutingCandidate> candidates,
        IReadOnlyList<RoutingAttempt> attempts,
        string? provider,
        string? modelId,
        decimal? cost)
    {
        RequestedTier = requestedTier;
        RequestedModelId = requestedModelId;
        RequiredCapabilities = requiredCapabilities;
        EstimatedInputTokens = estimatedInputTokens;
        EstimatedOutputTokens = estimatedOutputTokens;
        DecidedAt = decidedAt;
        Candidates = candidates;
        Attempts = attempts;
        Provider = provider;
        ModelId = modelId;
        Cost = cost;
    }

    /// <summary>Gets the tier the call asked for (<see cref="ChatOptionsRoutingExtensions.WithTier"/>, or <see cref="RoutingOptions.DefaultTier"/>).</summary>
    public ModelTier RequestedTier { get; }

    /// <summary>Gets the model the call pinned with <c>ChatOptions.ModelId</c>, or <see langword="null"/> when the router chose freely.</summary>
    public string? RequestedModelId { get; }

    /// <summary>Gets the capabilities the call needed: tools, vision (images in the messages), JSON output.</summary>
    public ModelCapabilities RequiredCapabilities { get; }

    /// <summary>Gets the input tokens estimated before sending (the <c>o200k_base</c> tokenizer); they pick price bands and context fit.</summary>
    public long EstimatedInputTokens { get; }

    /// <summary>Gets the output tokens the estimate assumed: the call's <c>MaxOutputTokens</c>, or <see cref="RoutingOptions.ExpectedOutputTokens"/>.</summary>
    public long EstimatedOutputTokens { get; }

    /// <summary>Gets when the decision was made; it picks time-of-day prices and the budget period.</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>
    /// Gets every model considered: the eligible ones first, cheapest first, in the order they would be tried, then the
    /// skipped ones with <see cref="RoutingCandidate.SkipReason"/>. Models of providers that are not configured are not listed.
    /// </summary>
    public IReadOnlyList<RoutingCandidate> Candidates { get; }

    /// <summary>Gets the model calls made, in order; all but the last failed over to the next model.</summary>
    public IReadOnlyList<RoutingAttempt> Attempts { get; }

    /// <summary>Gets the provider key of the model that answered, or <see langword="null"/> when none did.</summary>
    public string? Provider { get; }

    /// <summary>Gets the id of the model that answered, or <see langword="null"/> when none did.</summary>
    public string? ModelId { get; }

    /// <summary>Gets the cost of the call in CNY from the usage the provider reported, or <see langword="null"/> when unknown.</summary>
    public decimal? Cost { get; }

    /// <summary>Returns a one-paragraph account of the decision.</summary>
    /// <returns>The tier, the chosen model, the attempts and the candidates.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(256);
        sb.Append(RequestedModelId is null ? RequestedTier.ToString() : "pinned " + RequestedModelId);
        sb.Append(" → ").Append(Provider is null ? "no model answered" : Provider + "/" + ModelId);
        if (Cost is { } cost)
        {
            sb.Append(", ").Append(cost.ToString("0.##########", CultureInfo.InvariantCulture)).Append(" CNY");
        }

        sb.Append(CultureInfo.InvariantCulture, $" ({EstimatedInputTokens} input + {EstimatedOutputTokens} output tokens estimated at {DecidedAt:u})");
        if (Attempts.Count > 0)
        {
            sb.Append("; attempts: ").AppendJoin(", ", Attempts);
        }

        sb.Append("; candidates: ").AppendJoin("; ", Candidates);
        return sb.ToString();
    }
}
