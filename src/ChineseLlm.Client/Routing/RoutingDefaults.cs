namespace ChineseLlm.Client.Routing;

/// <summary>Default values of <see cref="RoutingOptions"/> and router constants, in one place so docs and tests agree.</summary>
internal static class RoutingDefaults
{
    public const ModelTier DefaultTier = ModelTier.Standard;
    public const int ExpectedOutputTokens = 1024;
    public const int MaxExpectedOutputTokens = 1_000_000;
    public const BudgetPeriod Period = BudgetPeriod.Month;
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(10);

    /// <summary>The longest <see cref="RoutingOptions.Cooldown"/> accepted (longer waits are an operator's decision to remove the provider).</summary>
    public static readonly TimeSpan MaxCooldown = TimeSpan.FromDays(7);

    /// <summary>How long a (provider, model) answered <see cref="LlmErrorKind.ModelNotFound"/> is left out of routing.</summary>
    public static readonly TimeSpan ModelNotFoundCooldown = TimeSpan.FromHours(1);

    /// <summary>The longest <see cref="RoutingOptions.ModelNotFoundCooldown"/> accepted.</summary>
    public static readonly TimeSpan MaxModelNotFoundCooldown = TimeSpan.FromDays(30);

    /// <summary>How long an unsettled budget reservation holds its amount (a call that never reports back stops holding budget).</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The time zone budget periods follow.</summary>
    public const string BudgetTimeZone = "Asia/Shanghai";

    /// <summary>The name the router reports in <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/> and in errors that no single provider caused.</summary>
    public const string RouterName = "router";

    /// <summary>The diagnostic id of router extension points that may still change.</summary>
    public const string ExperimentalDiagnosticId = "CLLM001";

    /// <summary>Where the experimental diagnostic is documented.</summary>
    public const string ExperimentalUrlFormat = "https://github.com/chinesellm/ChineseLlm.Client/blob/main/README.md#router";
}
