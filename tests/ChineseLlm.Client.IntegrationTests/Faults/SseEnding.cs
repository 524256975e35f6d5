namespace ChineseLlm.Client.Faults;

/// <summary>How a scripted event stream ends after its events were sent.</summary>
public enum SseEnding
{
    /// <summary>The response completes normally.</summary>
    Complete,

    /// <summary>The connection stays open and silent.</summary>
    Stall,
}
