using ChineseLlm.Client.Routing;

namespace ChineseLlm.Client;

/// <summary>
/// How the cost-aware router (<see cref="CostAwareChatClient"/>) chooses and pays for models; bound from
/// <c>ChineseLlm:Routing</c>.
/// </summary>
/// <remarks>
/// The router copies these values when it is built (and again when configuration reloads); changing an instance
/// afterwards does not affect a router already built.
/// </remarks>
public sealed class RoutingOptions
{
    /// <summary>Gets or sets the tier a call gets when it does not ask for one with <see cref="ChatOptionsRoutingExtensions.WithTier"/>.</summary>
    /// <value>The default value is <see cref="ModelTier.Standard"/>.</value>
    public ModelTier DefaultTier { get; set; } = RoutingDefaults.DefaultTier;

    /// <summary>
    /// Gets or sets how many output tokens (reasoning included) a call is expected to produce, to estimate its cost
    /// before it is sent. A call that sets <c>ChatOptions.MaxOutputTokens</c> is estimated with that instead.
    /// </summary>
    /// <value>The default value is 1,024. Must be between 1 and 1,000,000.</value>
    public int ExpectedOutputTokens { get; set; } = RoutingDefaults.ExpectedOutputTokens;

    /// <summary>Gets or sets the spending budget (<c>ChineseLlm:Routing:Budget</c>).</summary>
    /// <value>The default value has no <see cref="RoutingBudgetOptions.Limit"/>: spending is not limited.</value>
    public RoutingBudgetOptions Budget { get; set; } = new();

    /// <summary>
    /// Gets or sets how long a provider is left out of routing after it failed with
    /// <see cref="LlmErrorKind.QuotaExceeded"/>, <see cref="LlmErrorKind.Authentication"/> or
    /// <see cref="LlmErrorKind.PermissionDenied"/> (failures that the next call would repeat).
    /// </summary>
    /// <value>The default value is 10 minutes. <see cref="TimeSpan.Zero"/> turns cooldowns off; at most 7 days.</value>
    public TimeSpan Cooldown { get; set; } = RoutingDefaults.Cooldown;

    /// <summary>
    /// Gets or sets how long a model is left out of routing after its provider answered a routed call for it with
    /// <see cref="LlmErrorKind.ModelNotFound"/> (a model the vendor retired or renamed): later calls skip that
    /// (provider, model) with <see cref="RoutingSkipReason.ModelUnavailable"/>, across the fleet when the cooldowns are
    /// shared (Redis), and a Warning names the catalog row to fix.
    /// </summary>
    /// <value>The default value is one hour. <see cref="TimeSpan.Zero"/> turns it off; at most 30 days.</value>
    public TimeSpan ModelNotFoundCooldown { get; set; } = RoutingDefaults.ModelNotFoundCooldown;

    /// <summary>Gets or sets the most models one call may try, the first included, before the last failure is thrown.</summary>
    /// <value>The default value is <see langword="null"/>: every eligible model may be tried. When set it must be at least 1.</value>
    public int? MaxAttempts { get; set; }

    /// <summary>Gets or sets the rule that derives a catalog row's tier from its quality evidence (<c>ChineseLlm:Routing:TierRule</c>).</summary>
    /// <value>The default value is the rule the embedded catalog's tiers were computed with (docs/catalog.md, "Tiers").</value>
    public TierRuleOptions TierRule { get; set; } = new();

    /// <summary>Checks the options; each problem names its key under <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path of these options, such as <c>ChineseLlm:Routing</c>.</param>
    /// <returns>The problems found; empty when the options are valid.</returns>
    internal List<string> Validate(string path)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(DefaultTier))
        {
            problems.Add($"{path}:DefaultTier must be one of Lite, Standard, Advanced, Flagship (got {(int)DefaultTier}).");
        }

        if (ExpectedOutputTokens is < 1 or > RoutingDefaults.MaxExpectedOutputTokens)
        {
            problems.Add($"{path}:ExpectedOutputTokens must be between 1 and {RoutingDefaults.MaxExpectedOutputTokens} (got {ExpectedOutputTokens}).");
        }

        if (Cooldown < TimeSpan.Zero || Cooldown > RoutingDefaults.MaxCooldown)
        {
            // Bounded: a cooldown is added to the clock's time (TimeSpan.MaxValue would overflow on the first failure).
            problems.Add($"{path}:Cooldown must be between 00:00:00 (off) and {RoutingDefaults.MaxCooldown} (got {Cooldown}).");
        }

        if (ModelNotFoundCooldown < TimeSpan.Zero || ModelNotFoundCooldown > RoutingDefaults.MaxModelNotFoundCooldown)
        {
            problems.Add($"{path}:ModelNotFoundCooldown must be between 00:00:00 and {RoutingDefaults.MaxModelNotFoundCooldown:c} (got {ModelNotFoundCooldown}).");
        }

        if (MaxAttempts is < 1)
        {
            problems.Add($"{path}:MaxAttempts must be at least 1 when set (got {MaxAttempts}).");
        }

        if (TierRule is null)
        {
            problems.Add($"{path}:TierRule must not be null.");
        }
        else
        {
            problems.AddRange(TierRule.Validate(path + ":TierRule"));
        }

        if (Budget is null)
        {
            problems.Add($"{path}:Budget must not be null.");
        }
        else
        {
            if (Budget.Limit is <= 0m)
            {
                problems.Add($"{path}:Budget:Limit must be greater than zero when set (got {Budget.Limit}).");
            }

            if (!Enum.IsDefined(Budget.Period))
            {
                problems.Add($"{path}:Budget:Period must be one of Day, Week, Month (got {(int)Budget.Period}).");
            }
        }

        return problems;
    }
}
