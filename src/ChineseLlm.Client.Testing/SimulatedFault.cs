using System.Globalization;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// A failure a simulated provider produces instead of (or in the middle of) its normal response.
/// </summary>
/// <remarks>
/// <para>Create faults with the static factory methods and give them to <see cref="ProviderSimulatorHandler.SetFault(string, SimulatedFault)"/>
/// (every call fails until cleared) or <see cref="ProviderSimulatorHandler.Enqueue(SimulatedFault)"/> (the next call fails once).</para>
/// <para>A fault that breaks a response part way (<see cref="ConnectionReset"/>, <see cref="StallBetweenEvents"/>,
/// <see cref="TruncatedJson"/>) sends the start of the reply that would otherwise have been sent. For a stream,
/// <c>afterEvents</c> counts the SSE events delivered before the fault; for a JSON body, the fault strikes half way through it.</para>
/// </remarks>
public sealed class SimulatedFault
{
    private SimulatedFault(SimulatedFaultType type)
    {
        Type = type;
    }

    /// <summary>Gets how the response breaks.</summary>
    public SimulatedFaultType Type { get; }

    /// <summary>Gets the error kind of a <see cref="SimulatedFaultType.ProviderError"/> fault.</summary>
    public LlmErrorKind? ErrorKind { get; private init; }

    /// <summary>Gets the <c>Retry-After</c> value sent with a <see cref="SimulatedFaultType.ProviderError"/>, if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Gets the HTTP status of a <see cref="SimulatedFaultType.RawResponse"/> fault.</summary>
    public int? StatusCode { get; private init; }

    /// <summary>Gets the body of a <see cref="SimulatedFaultType.RawResponse"/> fault.</summary>
    public string? Body { get; private init; }

    /// <summary>Gets the content type of a <see cref="SimulatedFaultType.RawResponse"/> fault.</summary>
    public string? ContentType { get; private init; }

    /// <summary>Gets how many stream events are delivered before the fault strikes.</summary>
    public int AfterEvents { get; private init; }

    /// <summary>Gets how long a stall lasts, or <see langword="null"/> when it lasts until the caller gives up.</summary>
    public TimeSpan? Duration { get; private init; }

    /// <summary>
    /// Gets the <see cref="LlmErrorKind"/> a correct client reports for this fault, or <see langword="null"/> when it depends
    /// on the response (a <see cref="SimulatedFaultType.RawResponse"/>, or a stall that ends).
    /// </summary>
    public LlmErrorKind? ExpectedKind => Type switch
    {
        SimulatedFaultType.ProviderError => ErrorKind,
        SimulatedFaultType.ConnectionRefused or SimulatedFaultType.ConnectionReset => LlmErrorKind.Network,
        SimulatedFaultType.StallBeforeHeaders or SimulatedFaultType.StallBetweenEvents when Duration is null => LlmErrorKind.Timeout,
        SimulatedFaultType.TruncatedJson => LlmErrorKind.Protocol,
        SimulatedFaultType.ErrorMidStream => ErrorKind,
        _ => null,
    };

    /// <summary>
    /// Creates a fault that answers with the provider's own error for <paramref name="kind"/>: its HTTP status (or HTTP 200
    /// where the provider reports errors inside the body), its error body shape and its own error code.
    /// </summary>
    /// <param name="kind">The kind of error to simulate.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header to add (no simulated provider documents one; use it to test
    /// how a client honours the header). For Kimi rate limits the wait also appears in the message, as Kimi writes it.</param>
    /// <returns>A new fault.</returns>
    /// <remarks>
    /// <para><see cref="LlmErrorKind.Timeout"/> becomes a stall before the headers that lasts until the caller gives up,
    /// <see cref="LlmErrorKind.Network"/> a refused connection, and <see cref="LlmErrorKind.Protocol"/> an HTTP 200 whose body is
    /// an HTML page rather than the provider's JSON.</para>
    /// <para>Where a provider has no distinct error for a kind, the simulator sends that provider's closest error
    /// (for example Hunyuan has no context-length code and reports an <c>InvalidParameterValue</c>).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is <see cref="LlmErrorKind.BudgetExceeded"/> (a client-side
    /// decision no provider sends) or not a defined value, or <paramref name="retryAfter"/> is negative.</exception>
    public static SimulatedFault Error(LlmErrorKind kind, TimeSpan? retryAfter = null)
    {
        if (!Enum.IsDefined(kind) || kind == LlmErrorKind.BudgetExceeded)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A provider cannot send this kind of error.");
        }

        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        }

        return kind switch
        {
            LlmErrorKind.Timeout => new SimulatedFault(SimulatedFaultType.StallBeforeHeaders) { ErrorKind = kind },
            LlmErrorKind.Network => new SimulatedFault(SimulatedFaultType.ConnectionRefused) { ErrorKind = kind },
            _ => new SimulatedFault(SimulatedFaultType.ProviderError) { ErrorKind = kind, RetryAfter = retryAfter },
        };
    }

    /// <summary>Creates a fault that answers with exactly this status and body.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body text.</param>
    /// <param name="contentType">The media type of the body, or <see langword="null"/> to send no <c>Content-Type</c>.</param>
    /// <returns>A new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 100 and 599.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static SimulatedFault Response(int statusCode, string body, string? contentType = "application/json")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        return new SimulatedFault(SimulatedFaultType.RawResponse) { StatusCode = statusCode, Body = body, ContentType = contentType };
    }

    /// <summary>Creates a fault where the connection cannot be made: sending throws <see cref="HttpRequestException"/>.</summary>
    /// <returns>A new fault.</returns>
    public static SimulatedFault ConnectionRefused() => new(SimulatedFaultType.ConnectionRefused);

    /// <summary>Creates a fault where the connection drops after the headers: reading the body throws <see cref="HttpIOException"/>.</summary>
    /// <param name="afterEvents">How many stream events arrive before the drop.</param>
    /// <returns>A new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterEvents"/> is negative.</exception>
    public static SimulatedFault ConnectionReset(int afterEvents = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        return new SimulatedFault(SimulatedFaultType.ConnectionReset) { AfterEvents = afterEvents };
    }

    /// <summary>Creates a fault where the provider sends no headers for <paramref name="duration"/>, or never.</summary>
    /// <param name="duration">How long the stall lasts, or <see langword="null"/> until the caller cancels.</param>
    /// <returns>A new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static SimulatedFault StallBeforeHeaders(TimeSpan? duration = null)
    {
        ThrowIfNegative(duration);
        return new SimulatedFault(SimulatedFaultType.StallBeforeHeaders) { Duration = duration };
    }

    /// <summary>Creates a fault where the provider stops sending after <paramref name="afterEvents"/> stream events, for a while or for good.</summary>
    /// <param name="afterEvents">How many stream events arrive before the stall.</param>
    /// <param name="duration">How long the stall lasts, or <see langword="null"/> until the caller cancels.</param>
    /// <returns>A new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterEvents"/> or <paramref name="duration"/> is negative.</exception>
    public static SimulatedFault StallBetweenEvents(int afterEvents = 1, TimeSpan? duration = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        ThrowIfNegative(duration);
        return new SimulatedFault(SimulatedFaultType.StallBetweenEvents) { AfterEvents = afterEvents, Duration = duration };
    }

    /// <summary>
    /// Creates a fault where the body ends in the middle of a JSON document: half a JSON body, or, in a stream,
    /// <paramref name="afterEvents"/> whole events, then one event whose data is cut in half, then the end of the stream.
    /// </summary>
    /// <param name="afterEvents">How many whole stream events arrive before the cut one.</param>
    /// <returns>A new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterEvents"/> is negative.</exception>
    public static SimulatedFault TruncatedJson(int afterEvents = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        return new SimulatedFault(SimulatedFaultType.TruncatedJson) { AfterEvents = afterEvents };
    }

    /// <summary>
    /// Creates a fault where a stream starts normally and, after <paramref name="afterEvents"/> events, reports the
    /// provider's own error for <paramref name="kind"/> inside the stream, then ends without its normal end marker.
    /// </summary>
    /// <param name="kind">The kind of error to report.</param>
    /// <param name="afterEvents">How many normal stream events arrive before the error.</param>
    /// <returns>A new fault.</returns>
    /// <remarks>
    /// <para>Each provider's in-band form: an <c>event:error</c> frame with its <c>:HTTP_STATUS/…</c> comment (Qwen native),
    /// a <c>data: {"error":{…}}</c> event in the provider's error shape (DeepSeek, Kimi, Qwen compatible mode, ERNIE v2,
    /// Doubao, Hunyuan compatible), a chunk with <c>ErrorMsg</c> (Hunyuan native: code 4001 for
    /// <see cref="LlmErrorKind.Timeout"/>, else 4000), or a <c>data: {"error_code","error_msg"}</c> event (ERNIE v1).</para>
    /// <para>A request that is not a stream gets the provider's ordinary error for <paramref name="kind"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not an error a provider reports
    /// (<see cref="LlmErrorKind.Network"/>, <see cref="LlmErrorKind.Protocol"/>, <see cref="LlmErrorKind.BudgetExceeded"/>),
    /// or <paramref name="afterEvents"/> is negative.</exception>
    public static SimulatedFault ErrorMidStream(LlmErrorKind kind, int afterEvents = 1)
    {
        if (!Enum.IsDefined(kind) || kind is LlmErrorKind.Network or LlmErrorKind.Protocol or LlmErrorKind.BudgetExceeded)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A provider does not report this kind of error inside a stream.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        return new SimulatedFault(SimulatedFaultType.ErrorMidStream) { ErrorKind = kind, AfterEvents = afterEvents };
    }

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        SimulatedFaultType.ProviderError => $"provider error {ErrorKind}",
        SimulatedFaultType.RawResponse => string.Create(CultureInfo.InvariantCulture, $"HTTP {StatusCode}"),
        SimulatedFaultType.ConnectionRefused => "connection refused",
        SimulatedFaultType.ConnectionReset => string.Create(CultureInfo.InvariantCulture, $"connection reset after {AfterEvents} events"),
        SimulatedFaultType.StallBeforeHeaders => $"stall before headers ({DescribeDuration()})",
        SimulatedFaultType.StallBetweenEvents => string.Create(CultureInfo.InvariantCulture, $"stall after {AfterEvents} events ({DescribeDuration()})"),
        SimulatedFaultType.ErrorMidStream => string.Create(CultureInfo.InvariantCulture, $"provider error {ErrorKind} after {AfterEvents} events"),
        _ => string.Create(CultureInfo.InvariantCulture, $"truncated JSON after {AfterEvents} events"),
    };

    private string DescribeDuration() => Duration is { } d ? d.ToString("c", CultureInfo.InvariantCulture) : "until cancelled";

    private static void ThrowIfNegative(TimeSpan? duration)
    {
        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, TimeSpan.Zero, nameof(duration));
        }
    }
}
