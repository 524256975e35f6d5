namespace ChineseLlm.Client.Testing.Wire;

/// <summary>Everything a protocol needs to write one of its error responses.</summary>
internal sealed class ErrorContext
{
    public required RequestInfo Request { get; init; }

    public required LlmErrorKind Kind { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public required DateTimeOffset Now { get; init; }

    public string Model => Request.Model ?? "unknown-model";

    /// <summary>Gets whether the error is reported inside a stream that already started.</summary>
    public bool ForceInStream { get; init; }
}
