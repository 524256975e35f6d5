namespace ChineseLlm.Client.Routing;

/// <summary>What the router does after a model call failed before any content reached the caller.</summary>
internal enum FailureAction
{
    /// <summary>Throw the failure: another model would fail the same way (invalid request, content filtered).</summary>
    Propagate,

    /// <summary>Try the next model (transient failures, an unknown model, a garbled response).</summary>
    FailOver,

    /// <summary>Cool the provider down, then try the next model of another provider (quota, credentials, permission).</summary>
    CoolDownAndFailOver,

    /// <summary>Try only models with a larger context window (context length exceeded).</summary>
    FailOverToLargerContext,
}
