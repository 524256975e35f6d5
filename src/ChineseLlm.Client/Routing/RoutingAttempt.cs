namespace ChineseLlm.Client;

/// <summary>One model call the router made for a request, and how it ended.</summary>
public sealed class RoutingAttempt
{
    internal RoutingAttempt(string provider, string modelId, decimal? estimatedCost, decimal? cost, RoutingAttemptOutcome outcome, LlmErrorKind? errorKind, string? error, TimeSpan duration)
    {
        Provider = provider;
        ModelId = modelId;
        EstimatedCost = estimatedCost;
        Cost = cost;
        Outcome = outcome;
        ErrorKind = errorKind;
        Error = error;
        Duration = duration;
    }

    /// <summary>Gets the provider key, such as <c>deepseek</c>.</summary>
    public string Provider { get; }

    /// <summary>Gets the model id that was called.</summary>
    public string ModelId { get; }

    /// <summary>Gets the cost estimated before the call, in CNY, or <see langword="null"/> when the model is unpriced.</summary>
    public decimal? EstimatedCost { get; }

    /// <summary>Gets the real cost from the usage the provider reported, in CNY, or <see langword="null"/> when the call failed or reported no usage.</summary>
    public decimal? Cost { get; }

    /// <summary>Gets how the call ended.</summary>
    public RoutingAttemptOutcome Outcome { get; }

    /// <summary>Gets what went wrong when <see cref="Outcome"/> is <see cref="RoutingAttemptOutcome.Failed"/>, when the failure had a kind.</summary>
    public LlmErrorKind? ErrorKind { get; }

    /// <summary>Gets the failure's message (never a credential), when the call failed.</summary>
    public string? Error { get; }

    /// <summary>Gets how long the call took; for a stream, until it ended.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Returns the model and the outcome.</summary>
    /// <returns>A description such as <c>deepseek/deepseek-flash Failed ServerError</c>.</returns>
    public override string ToString() => Outcome switch
    {
        RoutingAttemptOutcome.Failed => $"{Provider}/{ModelId} Failed {ErrorKind?.ToString() ?? "(unclassified)"}",
        RoutingAttemptOutcome.Succeeded when Cost is { } c => $"{Provider}/{ModelId} Succeeded {c.ToString("0.##########", CultureInfo.InvariantCulture)} CNY",
        _ => $"{Provider}/{ModelId} {Outcome}",
    };
}
