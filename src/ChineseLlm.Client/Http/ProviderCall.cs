using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChineseLlm.Client.Http;

/// <summary>
/// The lifetime of one provider call: a deadline (the provider's <c>Timeout</c>, retries included, measured with
/// <see cref="TimeProvider"/>), for a stream an idle limit between events (<c>StreamIdleTimeout</c>), the caller's
/// token, and the translation of whatever escapes into <see cref="ChineseLlmException"/> — except the caller's own
/// cancellation, which stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The deadline, the idle limit and the caller share one <see cref="CancellationTokenSource"/> and one timer: the timer
/// is set to whichever of the deadline and the idle limit comes first, and the caller's token cancels the source
/// through one registration. An open stream holds a few hundred bytes less than with a source per concern (a linked
/// source, a second timer and their registrations), and every read waits on one token. Which limit the timer was set
/// for is kept, so a cancellation still says whether the call ran out of time or the stream stalled.
/// </remarks>
internal sealed class ProviderCall : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly CancellationToken _callerToken;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly long _started;
    private TimeSpan _idleTimeout = Timeout.InfiniteTimeSpan;
    private volatile bool _timerIsForStall;

    public ProviderCall(string provider, TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        Provider = provider;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _callerToken = callerToken;
        _started = timeProvider.GetTimestamp();
        _source = new CancellationTokenSource(timeout, timeProvider);
        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
        }
    }

    public string Provider { get; }

    /// <summary>Gets the token every step of the call observes: cancelled by the deadline, a stall or the caller.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>
    /// Starts the idle limit of a stream: from now on the token is also cancelled when <see cref="OnProgress"/> is not
    /// called within <paramref name="idleTimeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: no limit).
    /// </summary>
    public void StartIdleLimit(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        OnProgress();
    }

    /// <summary>Notes that the stream made progress (an event arrived): the idle limit starts again.</summary>
    public void OnProgress()
    {
        if (_idleTimeout == Timeout.InfiniteTimeSpan || _source.IsCancellationRequested)
        {
            return; // no limit, or the call has already ended (its cause must stay as it was)
        }

        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            _timerIsForStall = true;
            _source.CancelAfter(_idleTimeout);
            return;
        }

        var remaining = _timeout - _timeProvider.GetElapsedTime(_started);
        _timerIsForStall = _idleTimeout < remaining;
        _source.CancelAfter(_timerIsForStall ? _idleTimeout : remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
    }

    /// <summary>Translates <paramref name="exception"/> when it should surface as a <see cref="ChineseLlmException"/>.</summary>
    /// <returns><see langword="false"/> when the exception must propagate unchanged (the caller cancelled, or it already is one).</returns>
    public bool TryTranslate(Exception exception, [NotNullWhen(true)] out ChineseLlmException? translated)
    {
        translated = exception switch
        {
            ChineseLlmException => null,
            OperationCanceledException when _callerToken.IsCancellationRequested => null,
            OperationCanceledException when _source.IsCancellationRequested && _timerIsForStall => new ChineseLlmException(
                Provider, LlmErrorKind.Timeout, $"the stream stalled: no event for {_idleTimeout}.", innerException: exception),
            OperationCanceledException when _source.IsCancellationRequested => new ChineseLlmException(
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
        _callerRegistration.Dispose();
        _source.Dispose();
    }
}
