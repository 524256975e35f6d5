namespace ChineseLlm.Client;

/// <summary>
/// The rule that derives a model's tier from its public quality evidence (<see cref="ModelCard.Quality"/>); bound from
/// <c>ChineseLlm:Routing:TierRule</c>. The defaults are the rule the embedded catalog's tiers were computed with
/// (docs/catalog.md, "Tiers").
/// </summary>
/// <remarks>
/// <para>Primary evidence: a score on <see cref="Index"/> read from the snapshot of <see cref="AsOf"/>. Thresholds are
/// shares of that snapshot's top score (<see cref="TopScore"/>), so a re-scaled index does not move every model:
/// <see cref="ModelTier.Flagship"/> from <see cref="FlagshipShare"/>, <see cref="ModelTier.Advanced"/> from
/// <see cref="AdvancedShare"/>, <see cref="ModelTier.Standard"/> from <see cref="StandardShare"/>, <see cref="ModelTier.Lite"/> below.</para>
/// <para>Fallback evidence, for a model the primary index does not rate: a score on <see cref="FallbackIndex"/> from the
/// snapshot of <see cref="FallbackAsOf"/>, against the absolute thresholds <see cref="FallbackFlagship"/>,
/// <see cref="FallbackAdvanced"/> and <see cref="FallbackStandard"/>.</para>
/// <para>Evidence from another index, version or snapshot is not used: the row keeps the tier the catalog gives it, which
/// the embedded catalog never sets above <see cref="ModelTier.Standard"/> for an unrated model.</para>
/// </remarks>
public sealed class TierRuleOptions
{
    /// <summary>Gets or sets the primary index and version, as written in <see cref="ModelQuality.Index"/>.</summary>
    /// <value>The default value is <c>AA-Intelligence-v4.1</c> (Artificial Analysis Intelligence Index v4.1).</value>
    public string Index { get; set; } = Catalog.TierRule.DefaultIndex;

    /// <summary>Gets or sets the date of the primary index's snapshot the scores are read from.</summary>
    /// <value>The default value is 2026-09-01.</value>
    public DateOnly AsOf { get; set; } = Catalog.TierRule.DefaultAsOf;

    /// <summary>Gets or sets the top score of any model in that snapshot.</summary>
    /// <value>The default value is 60.9. Must be greater than zero.</value>
    public decimal TopScore { get; set; } = Catalog.TierRule.DefaultTopScore;

    /// <summary>Gets or sets the share of <see cref="TopScore"/> from which a model is <see cref="ModelTier.Flagship"/>.</summary>
    /// <value>The default value is 0.80.</value>
    public decimal FlagshipShare { get; set; } = 0.80m;

    /// <summary>Gets or sets the share of <see cref="TopScore"/> from which a model is <see cref="ModelTier.Advanced"/>.</summary>
    /// <value>The default value is 0.62.</value>
    public decimal AdvancedShare { get; set; } = 0.62m;

    /// <summary>Gets or sets the share of <see cref="TopScore"/> from which a model is <see cref="ModelTier.Standard"/>.</summary>
    /// <value>The default value is 0.45. Shares must satisfy 0 &lt; Standard &lt; Advanced &lt; Flagship ≤ 1.</value>
    public decimal StandardShare { get; set; } = 0.45m;

    /// <summary>Gets or sets the fallback index, as written in <see cref="ModelQuality.Index"/>.</summary>
    /// <value>The default value is <c>LMArena-Text</c> (the LMArena text leaderboard score).</value>
    public string FallbackIndex { get; set; } = Catalog.TierRule.DefaultFallbackIndex;

    /// <summary>Gets or sets the date of the fallback index's snapshot the scores are read from.</summary>
    /// <value>The default value is 2026-10-09.</value>
    public DateOnly FallbackAsOf { get; set; } = Catalog.TierRule.DefaultFallbackAsOf;

    /// <summary>Gets or sets the fallback score from which a model is <see cref="ModelTier.Flagship"/>.</summary>
    /// <value>The default value is 1475.</value>
    public decimal FallbackFlagship { get; set; } = 1475m;

    /// <summary>Gets or sets the fallback score from which a model is <see cref="ModelTier.Advanced"/>.</summary>
    /// <value>The default value is 1440.</value>
    public decimal FallbackAdvanced { get; set; } = 1440m;

    /// <summary>Gets or sets the fallback score from which a model is <see cref="ModelTier.Standard"/>.</summary>
    /// <value>The default value is 1400. Must satisfy Standard &lt; Advanced &lt; Flagship.</value>
    public decimal FallbackStandard { get; set; } = 1400m;

    /// <summary>Checks the options; each problem names its key under <paramref name="path"/>.</summary>
    internal List<string> Validate(string path)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Index))
        {
            problems.Add($"{path}:Index is required.");
        }

        if (string.IsNullOrWhiteSpace(FallbackIndex))
        {
            problems.Add($"{path}:FallbackIndex is required.");
        }

        if (TopScore <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:TopScore must be greater than zero (got {TopScore})."));
        }

        if (!(StandardShare > 0 && StandardShare < AdvancedShare && AdvancedShare < FlagshipShare && FlagshipShare <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:StandardShare, AdvancedShare and FlagshipShare must satisfy 0 < StandardShare < AdvancedShare < FlagshipShare <= 1 (got {StandardShare}, {AdvancedShare}, {FlagshipShare})."));
        }

        if (!(FallbackStandard < FallbackAdvanced && FallbackAdvanced < FallbackFlagship))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:FallbackStandard, FallbackAdvanced and FallbackFlagship must be in ascending order (got {FallbackStandard}, {FallbackAdvanced}, {FallbackFlagship})."));
        }

        return problems;
    }
}
