namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Derives a tier from quality evidence with the thresholds of <see cref="TierRuleOptions"/> (docs/catalog.md, "Tiers").
/// </summary>
internal sealed class TierRule
{
    public const string DefaultIndex = "AA-Intelligence-v4.1";
    public const string DefaultFallbackIndex = "LMArena-Text";
    public const decimal DefaultTopScore = 60.9m;
    public static readonly DateOnly DefaultAsOf = new(2026, 9, 1);
    public static readonly DateOnly DefaultFallbackAsOf = new(2026, 10, 9);

    /// <summary>The highest tier a model without usable evidence may hold in the embedded catalog.</summary>
    public const ModelTier UnratedCap = ModelTier.Standard;

    private readonly TierRuleOptions _options;

    public TierRule(TierRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Gets the rule with the default thresholds, the ones the embedded catalog was computed with.</summary>
    public static TierRule Default { get; } = new(new TierRuleOptions());

    /// <summary>Returns the tier the evidence supports, or <see langword="null"/> when it is not on the pinned index and snapshot (or on the fallback's).</summary>
    public ModelTier? Evaluate(ModelQuality? quality)
    {
        if (quality?.Score is not { } score || quality.AsOf is not { } asOf || quality.Index is not { } index)
        {
            return null;
        }

        if (string.Equals(index, _options.Index, StringComparison.OrdinalIgnoreCase) && asOf == _options.AsOf)
        {
            var share = score / _options.TopScore;
            return share >= _options.FlagshipShare ? ModelTier.Flagship
                : share >= _options.AdvancedShare ? ModelTier.Advanced
                : share >= _options.StandardShare ? ModelTier.Standard
                : ModelTier.Lite;
        }

        if (string.Equals(index, _options.FallbackIndex, StringComparison.OrdinalIgnoreCase) && asOf == _options.FallbackAsOf)
        {
            return score >= _options.FallbackFlagship ? ModelTier.Flagship
                : score >= _options.FallbackAdvanced ? ModelTier.Advanced
                : score >= _options.FallbackStandard ? ModelTier.Standard
                : ModelTier.Lite;
        }

        return null;
    }

    /// <summary>Returns the tier of <paramref name="card"/> under this rule: the evidence's tier, or the card's own tier when it has no usable evidence.</summary>
    public ModelTier? TierOf(ModelCard card) => Evaluate(card.Quality) ?? card.Tier;
}
