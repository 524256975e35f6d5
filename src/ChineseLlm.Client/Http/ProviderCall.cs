using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChineseLlm.Client.Http;

/// <summary>
/// The lifetime of one provider call: a deadline (the provider's <c>Timeout</c>, retries included, measured with
/// <see cref="TimeProvider"/>) linked to the caller's token, and the translation of whatever escapes into
/// <see cref="ChineseLlmException"/> — except the caller's own cancellation, which stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ProviderCall : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource? _linked;
    private readonly CancellationToken _callerToken;
    private readonly TimeSpan _timeout;

    public ProviderCall(string provider, TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        Provider = provider;
        _timeout = timeout;
        _callerToken = callerToken;
        _deadline = timeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(timeout, timeProvider);

        // A caller token that can never be cancelled needs no linking: the deadline's token is the call's token.
        _linked = callerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadline.Token) : null;
    }

    public string Provider { get; }

    /// <summary>Gets the token every step of the call observes.</summary>
    public CancellationToken Token => (_linked ?? _deadline).Token;

    /// <summary>Translates <paramref name="exception"/> when it should surface as a <see cref="ChineseLlmException"/>.</summary>
    /// <returns><see langword="false"/> when the exception must propagate unchanged (the caller cancelled, or it already is one).</returns>
    public bool TryTranslate(Exception exception, [NotNullWhen(true)] out ChineseLlmException? translated)
    {
        translated = exception switch
        {
            ChineseLlmException => null,
            OperationCanceledException when _callerToken.IsCancellationRequested => null,
            OperationCanceledException when _deadline.IsCancellationRequested => new ChineseLlmException(
                Provider, LlmErrorKind.Timeout, $"the call did not complete within its timeout of {_timeout}.", innerException: exception),
            TimeoutRejectedException => new ChineseLlmException(
                Provider, LlmErrorKind.Timeout, "an attempt did not get a response within its attempt timeout.", innerException: exception),
            OperationCanceledException => new ChineseLlmException(
                Provider, LlmErrorKind.Timeout, "the call was cancelled by the HTTP stack before it completed.", innerException: exception),
            BrokenCircuitException => new ChineseLlmException(
                Provider, LlmErrorKind.ServerError, "the circuit breaker is open after repeated failures; calls are paused.", innerException: exception),
            HttpRequestException http => new ChineseLlmException(
                Provider, LlmErrorKind.Network, $"the connection failed ({http.HttpRequestError}).", innerException: exception),
            IOException => new ChineseLlmException(
                Provider, LlmErrorKind.Network, "the connection was lost while reading the response.", innerException: exception),
            JsonException => new ChineseLlmException(
                Provider, LlmErrorKind.Protocol, "the response was not valid JSON in the provider's format.", innerException: exception),
            _ => null,
        };

        return translated is not null;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _deadline.Dispose();
    }
}
