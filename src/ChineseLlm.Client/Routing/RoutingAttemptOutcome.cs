namespace ChineseLlm.Client;

/// <summary>How one model call made by the router ended (see <see cref="RoutingAttempt.Outcome"/>).</summary>
public enum RoutingAttemptOutcome
{
    /// <summary>The model answered; for a stream, the stream completed.</summary>
    Succeeded,

    /// <summary>The call failed; <see cref="RoutingAttempt.ErrorKind"/> says how.</summary>
    Failed,

    /// <summary>The caller canceled the call, or stopped reading the stream before it ended.</summary>
    Canceled,
}
