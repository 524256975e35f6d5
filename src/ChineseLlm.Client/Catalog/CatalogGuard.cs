namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The rules a published catalog document keeps beyond parsing (docs/catalog.md, "Keeping it true"): every row names its
/// <see cref="ModelCard.Source"/>, <see cref="ModelCard.Confidence"/> (<c>doc</c>, <c>relay</c> or <c>unverified</c>)
/// and <see cref="ModelCard.CheckedOn"/>; a routable row above <see cref="ModelTier.Standard"/> carries the
/// <see cref="ModelCard.Quality"/> its tier rests on and has the tier the rule gives that evidence; a row without usable
/// evidence is at most Standard; prices and bands are valid; and <see cref="CatalogDocument.AsOf"/> is not older than the
/// newest <see cref="ModelCard.CheckedOn"/>.
/// </summary>
internal static class CatalogGuard
{
    /// <summary>The confidence labels a published catalog uses.</summary>
    public static readonly IReadOnlyList<string> ConfidenceLabels = ["doc", "relay", "unverified"];

    /// <summary>Returns every problem of <paramref name="document"/>, each naming the row (<c>catalog.json:Models:3 (qwen/qwen-plus)</c>); empty when it keeps the rules.</summary>
    /// <param name="document">The catalog document.</param>
    /// <param name="rule">The tier rule, or <see langword="null"/> for the default one.</param>
    /// <param name="tiers">
    /// Whether tiers are checked against their evidence. A catalog loaded at run time (<c>ChineseLlm:Catalog</c>) is
    /// checked without: the router derives tiers from evidence with the configured rule itself, as it does for the embedded catalog.
    /// </param>
    /// <param name="rows">Whether each row is also run through <see cref="ModelCardValidator"/> (a caller that builds a <see cref="ModelCatalog"/> gets those problems from it).</param>
    public static List<string> Check(CatalogDocument document, TierRule? rule = null, bool tiers = true, bool rows = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        rule ??= TierRule.Default;
        var problems = new List<string>();
        DateOnly? newestCheck = null;
        for (var i = 0; i < document.Models.Count; i++)
        {
            var card = document.Models[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"catalog.json:Models:{i}");
            if (card is null)
            {
                problems.Add(key + " is empty");
                continue;
            }

            key += $" ({card})";
            if (rows)
            {
                ModelCardValidator.Validate(card, key, problems);
            }

            if (string.IsNullOrWhiteSpace(card.Source))
            {
                problems.Add(key + ":Source is required");
            }

            if (card.Confidence is null || !ConfidenceLabels.Contains(card.Confidence, StringComparer.Ordinal))
            {
                problems.Add($"{key}:Confidence must be one of {string.Join(", ", ConfidenceLabels)} (got '{card.Confidence}')");
            }

            if (card.CheckedOn is not { } checkedOn)
            {
                problems.Add(key + ":CheckedOn is required (the day the row was last compared with its source)");
            }
            else if (newestCheck is null || checkedOn > newestCheck)
            {
                newestCheck = checkedOn;
            }

            if (!tiers)
            {
                continue;
            }

            var evidenced = rule.Evaluate(card.Quality);
            if (card.IsRoutable && card.Tier > TierRule.UnratedCap && card.Quality is null)
            {
                problems.Add($"{key}:Quality is required for a routable row above {TierRule.UnratedCap} (Tier {card.Tier})");
            }
            else if (evidenced is { } tier && card.Tier != tier)
            {
                problems.Add($"{key}:Tier is {card.Tier} but its evidence ({card.Quality}) gives {tier}");
            }
            else if (evidenced is null && card.Tier > TierRule.UnratedCap)
            {
                problems.Add($"{key}:Tier {card.Tier} needs evidence on the pinned indexes; without it a row is at most {TierRule.UnratedCap}");
            }
        }

        if (newestCheck is { } newest && document.AsOf < newest)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"catalog.json:AsOf ({document.AsOf:yyyy-MM-dd}) is older than the newest CheckedOn ({newest:yyyy-MM-dd})"));
        }

        return problems;
    }
}
