namespace ChineseLlm.Client.Testing;

/// <summary>
/// The ways <see cref="SimulatedFault"/> can break a response.
/// </summary>
public enum SimulatedFaultType
{
    /// <summary>The provider's own error response (status, body shape and code) for an <see cref="LlmErrorKind"/>.</summary>
    ProviderError,

    /// <summary>A response with a status and body given verbatim.</summary>
    RawResponse,

    /// <summary>The connection cannot be made: sending fails before any response.</summary>
    ConnectionRefused,

    /// <summary>The connection drops after the headers, part way through the body or stream.</summary>
    ConnectionReset,

    /// <summary>The provider accepts the connection and never (or only after a long time) sends the headers.</summary>
    StallBeforeHeaders,

    /// <summary>The provider stops sending part way through the body or stream, for a while or for good.</summary>
    StallBetweenEvents,

    /// <summary>The body or stream ends in the middle of a JSON document.</summary>
    TruncatedJson,

    /// <summary>A stream that started normally reports the provider's own error in-band, then ends.</summary>
    ErrorMidStream,
}
