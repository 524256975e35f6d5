using ChineseLlm.Client.Routing;

namespace ChineseLlm.Client;

/// <summary>
/// A spending limit for the calls the router makes, in CNY per <see cref="Period"/>; bound from
/// <c>ChineseLlm:Routing:Budget</c>.
/// </summary>
/// <remarks>
/// <para>Before each call the router reserves the call's estimated cost; the call is refused with
/// <see cref="LlmErrorKind.BudgetExceeded"/>, before anything is sent, when what was spent in the period plus the
/// open reservations plus this estimate would exceed <see cref="Limit"/>. When the call ends the reservation is
/// settled to the real cost (from the usage the provider reported), or released when the call failed.</para>
/// <para>The estimate uses the call's <c>ChatOptions.MaxOutputTokens</c> when set, otherwise
/// <see cref="RoutingOptions.ExpectedOutputTokens"/>. Set <c>MaxOutputTokens</c> to make every estimate an upper bound
/// on the output; a call whose real cost is above its estimate is still counted in full, so the period's spend can then
/// pass the limit by that difference, and later calls are refused.</para>
/// </remarks>
public sealed class RoutingBudgetOptions
{
    /// <summary>Gets or sets the most the router may spend per <see cref="Period"/>, in CNY.</summary>
    /// <value>The default value is <see langword="null"/>: no budget. When set it must be greater than zero.</value>
    public decimal? Limit { get; set; }

    /// <summary>Gets or sets the period <see cref="Limit"/> applies to.</summary>
    /// <value>The default value is <see cref="BudgetPeriod.Month"/>.</value>
    public BudgetPeriod Period { get; set; } = RoutingDefaults.Period;
}
