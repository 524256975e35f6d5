using System.Text;

namespace ChineseLlm.Client;

/// <summary>
/// The exception every ChineseLlm.Client chat client throws when a provider call fails.
/// </summary>
/// <remarks>
/// <para>The structured properties carry what a caller needs to act: <see cref="Kind"/> for branching,
/// <see cref="IsTransient"/> for retry decisions, and <see cref="RequestId"/> for the provider's support desk.</para>
/// <para>The exception never holds the request, its headers, the API key, an OAuth token or a signature.
/// A caller's own cancellation is reported as <see cref="OperationCanceledException"/>, not as this type.</para>
/// </remarks>
public sealed class ChineseLlmException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChineseLlmException"/> class.</summary>
    public ChineseLlmException()
        : this(provider: "unknown", LlmErrorKind.Protocol, providerMessage: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChineseLlmException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ChineseLlmException(string message)
        : this(provider: "unknown", LlmErrorKind.Protocol, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChineseLlmException"/> class with a message and an inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ChineseLlmException(string message, Exception? innerException)
        : this(provider: "unknown", LlmErrorKind.Protocol, message, innerException: innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChineseLlmException"/> class with the full error details.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="kind">What went wrong.</param>
    /// <param name="providerMessage">The provider's own error message, or a description of the failure.</param>
    /// <param name="statusCode">The HTTP status code, when a response arrived.</param>
    /// <param name="errorCode">The provider's own error code or type, when it sent one.</param>
    /// <param name="requestId">The provider's request id, when it sent one.</param>
    /// <param name="retryAfter">How long the provider asked the caller to wait, when it said so.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is <see langword="null"/> or empty.</exception>
    public ChineseLlmException(
        string provider,
        LlmErrorKind kind,
        string? providerMessage,
        int? statusCode = null,
        string? errorCode = null,
        string? requestId = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(FormatMessage(provider, kind, providerMessage, statusCode, Http.VendorIdentifier.Bound(errorCode), Http.VendorIdentifier.Bound(requestId)), innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        Provider = provider;
        Kind = kind;
        ProviderMessage = providerMessage;
        StatusCode = statusCode;

        // Vendor identifiers are bounded and stripped of control characters before they reach logs and spans.
        ErrorCode = Http.VendorIdentifier.Bound(errorCode);
        RequestId = Http.VendorIdentifier.Bound(requestId);
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the provider key, such as <c>deepseek</c>, <c>kimi</c> or <c>qwen</c>.</summary>
    public string Provider { get; }

    /// <summary>Gets what went wrong.</summary>
    public LlmErrorKind Kind { get; }

    /// <summary>Gets the HTTP status code of the provider's response, or <see langword="null"/> when none arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the provider's own error code or error type, such as <c>Throttling.RateQuota</c> or <c>rate_limit_error</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the provider's request id (or trace id), to quote to the provider's support.</summary>
    public string? RequestId { get; }

    /// <summary>Gets how long the provider asked the caller to wait before retrying, when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the provider's own error message (bounded in length), when it sent one.</summary>
    public string? ProviderMessage { get; }

    /// <summary>
    /// Gets a value indicating whether the same request may succeed when tried again later or on another provider.
    /// </summary>
    /// <value>
    /// <see langword="true"/> for <see cref="LlmErrorKind.RateLimited"/>, <see cref="LlmErrorKind.ServerError"/>,
    /// <see cref="LlmErrorKind.Timeout"/> and <see cref="LlmErrorKind.Network"/>; otherwise <see langword="false"/>.
    /// </value>
    public bool IsTransient => IsTransientKind(Kind);

    /// <summary>Gets whether errors of <paramref name="kind"/> are transient.</summary>
    /// <param name="kind">The error kind.</param>
    /// <returns><see langword="true"/> when a retry may succeed.</returns>
    internal static bool IsTransientKind(LlmErrorKind kind) => kind is
        LlmErrorKind.RateLimited or LlmErrorKind.ServerError or LlmErrorKind.Timeout or LlmErrorKind.Network;

    private static string FormatMessage(
        string provider, LlmErrorKind kind, string? providerMessage, int? statusCode, string? errorCode, string? requestId)
    {
        // Shape: "deepseek RateLimited (HTTP 429, code rate_limit_error): Too many requests. Request id: abc."
        var sb = new StringBuilder(128);
        sb.Append(provider).Append(' ').Append(kind.ToString());
        if (statusCode is not null || errorCode is not null)
        {
            sb.Append(" (");
            if (statusCode is not null)
            {
                sb.Append("HTTP ").Append(statusCode.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (errorCode is not null)
            {
                sb.Append(statusCode is null ? "code " : ", code ").Append(errorCode);
            }

            sb.Append(')');
        }

        sb.Append(": ").Append(string.IsNullOrWhiteSpace(providerMessage) ? DescribeKind(kind) : providerMessage.Trim());
        if (requestId is not null)
        {
            sb.Append(" Request id: ").Append(requestId).Append('.');
        }

        return sb.ToString();
    }

    private static string DescribeKind(LlmErrorKind kind) => kind switch
    {
        LlmErrorKind.Authentication => "the provider rejected the credentials; check the API key.",
        LlmErrorKind.PermissionDenied => "the credentials are not allowed to do this.",
        LlmErrorKind.RateLimited => "rate limited; retry later.",
        LlmErrorKind.QuotaExceeded => "the account's balance or quota is exhausted; top up.",
        LlmErrorKind.ContentFiltered => "the provider's content moderation rejected the request or the reply.",
        LlmErrorKind.InvalidRequest => "the provider rejected the request as invalid.",
        LlmErrorKind.ModelNotFound => "the model does not exist or is not available to this account.",
        LlmErrorKind.ContextLengthExceeded => "the input does not fit the model's context window.",
        LlmErrorKind.ServerError => "the provider failed.",
        LlmErrorKind.Timeout => "the call timed out.",
        LlmErrorKind.Network => "the connection failed.",
        LlmErrorKind.Protocol => "the provider's response did not follow its protocol.",
        LlmErrorKind.BudgetExceeded => "the call would exceed the spending budget.",
        _ => "the call failed.",
    };
}
