namespace ChineseLlm.Client;

/// <summary>Why the router did not consider a model for a call (see <see cref="RoutingCandidate.SkipReason"/>).</summary>
public enum RoutingSkipReason
{
    /// <summary>The model's tier is below the tier the call asked for.</summary>
    TierTooLow,

    /// <summary>The model's input or output price is unknown; an unknown price is never treated as free.</summary>
    PriceUnknown,

    /// <summary>The model lacks a capability the call needs (tools, vision or JSON output), in the catalog or in what its provider's protocol sends.</summary>
    MissingCapabilities,

    /// <summary>The estimated input plus the expected output does not fit the model's context window.</summary>
    ContextWindowTooSmall,

    /// <summary>The call's <c>MaxOutputTokens</c> is more than the model may produce.</summary>
    OutputLimitTooSmall,

    /// <summary>The estimated input is longer than the model's last price band (the vendor would reject it).</summary>
    InputBeyondPriceBands,

    /// <summary>The model's provider is cooling down after a quota, authentication or permission failure.</summary>
    ProviderCoolingDown,

    /// <summary>A model failed with <see cref="LlmErrorKind.ContextLengthExceeded"/>, and this one's context window is not larger.</summary>
    ContextNotLargerThanFailed,

    /// <summary>The catalog row is past its <see cref="ModelCard.Retired"/> date (by the <see cref="TimeProvider"/> in DI): the vendor no longer serves the model.</summary>
    Retired,

    /// <summary>
    /// The provider answered an earlier routed call for this model with <see cref="LlmErrorKind.ModelNotFound"/>; the
    /// model is left out until <see cref="RoutingOptions.ModelNotFoundCooldown"/> has passed.
    /// </summary>
    ModelUnavailable,
}
