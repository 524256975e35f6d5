namespace ChineseLlm.Client;

/// <summary>
/// Says what went wrong in a call to a provider, independent of the provider's own error vocabulary.
/// </summary>
/// <remarks>
/// <see cref="RateLimited"/>, <see cref="ServerError"/>, <see cref="Timeout"/> and <see cref="Network"/> are transient:
/// the same request may succeed later or on another provider. Every other kind is not transient.
/// </remarks>
public enum LlmErrorKind
{
    /// <summary>The credentials were missing, malformed, expired or rejected.</summary>
    Authentication,

    /// <summary>The credentials are valid but not allowed to do this (IP allow-list, model not opened, …).</summary>
    PermissionDenied,

    /// <summary>A per-minute request or token limit, or an overload that passes: retry later.</summary>
    RateLimited,

    /// <summary>A billing stop: insufficient balance, arrears, an exhausted free quota or resource pack.</summary>
    QuotaExceeded,

    /// <summary>The provider's content moderation rejected the input or the output.</summary>
    ContentFiltered,

    /// <summary>The request was malformed or used a parameter the model does not accept.</summary>
    InvalidRequest,

    /// <summary>The model id is unknown, retired or not available to this account.</summary>
    ModelNotFound,

    /// <summary>The input (plus the requested output) does not fit the model's context window.</summary>
    ContextLengthExceeded,

    /// <summary>The provider failed (HTTP 5xx or its equivalent inside a body).</summary>
    ServerError,

    /// <summary>The call took longer than the configured timeout, or a stream stalled.</summary>
    Timeout,

    /// <summary>The connection could not be made or was lost.</summary>
    Network,

    /// <summary>The provider answered with something that is not its documented protocol.</summary>
    Protocol,

    /// <summary>The call would exceed the configured spending budget; nothing was sent.</summary>
    BudgetExceeded,
}
