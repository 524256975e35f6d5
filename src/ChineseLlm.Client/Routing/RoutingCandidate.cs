namespace ChineseLlm.Client;

/// <summary>A model the router considered for a call: its estimated cost, and why it was skipped if it was.</summary>
public sealed class RoutingCandidate
{
    internal RoutingCandidate(string provider, string modelId, ModelTier? tier, decimal? estimatedCost, RoutingSkipReason? skipReason, string? skipDetail)
    {
        Provider = provider;
        ModelId = modelId;
        Tier = tier;
        EstimatedCost = estimatedCost;
        SkipReason = skipReason;
        SkipDetail = skipDetail;
    }

    /// <summary>Gets the provider key, such as <c>deepseek</c>.</summary>
    public string Provider { get; }

    /// <summary>Gets the model id.</summary>
    public string ModelId { get; }

    /// <summary>Gets the model's tier, or <see langword="null"/> for a pinned model the catalog does not know.</summary>
    public ModelTier? Tier { get; }

    /// <summary>Gets the estimated cost of the call on this model, in CNY, or <see langword="null"/> when it cannot be priced.</summary>
    public decimal? EstimatedCost { get; }

    /// <summary>Gets why the model was skipped, or <see langword="null"/> when it was eligible.</summary>
    public RoutingSkipReason? SkipReason { get; }

    /// <summary>Gets the details of <see cref="SkipReason"/>, such as <c>needs Vision</c>.</summary>
    public string? SkipDetail { get; }

    /// <summary>Gets a value indicating whether the model met every requirement of the call.</summary>
    public bool IsEligible => SkipReason is null;

    /// <summary>Returns the model, its estimated cost and why it was skipped.</summary>
    /// <returns>A description such as <c>kimi/kimi-k2.6 0.0276 CNY</c> or <c>qwen/qwen-flash skipped: TierTooLow (Lite &lt; Standard)</c>.</returns>
    public override string ToString()
    {
        var cost = EstimatedCost is { } c ? c.ToString("0.##########", CultureInfo.InvariantCulture) + " CNY" : "unpriced";
        return SkipReason is { } reason
            ? $"{Provider}/{ModelId} {cost}, skipped: {reason}{(SkipDetail is null ? string.Empty : " (" + SkipDetail + ")")}"
            : $"{Provider}/{ModelId} {cost}";
    }
}
