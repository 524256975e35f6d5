namespace ChineseLlm.Client.Faults;

/// <summary>How a scripted event stream ends after its events were sent.</summary>
public enum SseEnding
{
    /// <summary>The response completes normally.</summary>
    Complete,

    /// <summary>The connection is reset (TCP RST) in the middle of the stream.</summary>
    Reset,

    /// <summary>The connection stays open and silent.</summary>
    Stall,

    /// <summary>
    /// The connection is closed gracefully (FIN) without ending the chunked body: whatever was sent still arrives,
    /// then the stream ends early. Unlike <see cref="Reset"/>, nothing sent can be lost however late the client reads.
    /// </summary>
    Close,
}
