namespace ChineseLlm.Client.Routing;

/// <summary>Classifies a failed model call (caller cancellation is handled before this).</summary>
internal static class FailurePolicy
{
    public static FailureAction Classify(Exception exception, out LlmErrorKind? kind)
    {
        switch (exception)
        {
            case ChineseLlmException llm:
                kind = llm.Kind;
                return llm.Kind switch
                {
                    LlmErrorKind.RateLimited or LlmErrorKind.ServerError or LlmErrorKind.Timeout or LlmErrorKind.Network
                        or LlmErrorKind.ModelNotFound or LlmErrorKind.Protocol => FailureAction.FailOver,
                    LlmErrorKind.QuotaExceeded or LlmErrorKind.Authentication or LlmErrorKind.PermissionDenied => FailureAction.CoolDownAndFailOver,
                    LlmErrorKind.ContextLengthExceeded => FailureAction.FailOverToLargerContext,
                    _ => FailureAction.Propagate,
                };

            // Clients that are not ours (a custom IChatClient registered as a provider) may throw the framework's types.
            case HttpRequestException:
                kind = LlmErrorKind.Network;
                return FailureAction.FailOver;
            case TimeoutException or OperationCanceledException:
                kind = LlmErrorKind.Timeout;
                return FailureAction.FailOver;
            default:
                kind = null;
                return FailureAction.Propagate;
        }
    }
}
