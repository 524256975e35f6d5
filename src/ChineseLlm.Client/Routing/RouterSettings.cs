using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// An immutable snapshot of what the router reads per call: the model catalog and the routing options. A configuration
/// reload builds a new snapshot and swaps it in whole, so one call never sees half of a change.
/// </summary>
internal sealed record RouterSettings(
    ModelCatalog Catalog,
    ModelTier DefaultTier,
    int ExpectedOutputTokens,
    decimal? BudgetLimit,
    BudgetPeriod BudgetPeriod,
    TimeSpan Cooldown,
    int? MaxAttempts,
    TimeSpan ModelNotFoundCooldown)
{
    /// <summary>Validates <paramref name="options"/> and <paramref name="models"/> and builds a snapshot.</summary>
    /// <param name="options">The routing options, or <see langword="null"/> for the defaults.</param>
    /// <param name="models">Catalog entries that add to or override the embedded catalog, or <see langword="null"/>.</param>
    /// <param name="optionsPath">The name of the options in error messages (a configuration path or a parameter name).</param>
    /// <param name="modelsPath">The name of the models in error messages.</param>
    /// <param name="baseCatalog">The catalog in force that <paramref name="models"/> apply to (<see cref="CatalogSource"/>), or <see langword="null"/> for the embedded catalog.</param>
    /// <exception cref="ArgumentException">The options or a model entry are invalid; the message names each bad key.</exception>
    public static RouterSettings Create(RoutingOptions? options, IEnumerable<ModelCard>? models, string optionsPath, string modelsPath, CatalogSnapshot? baseCatalog = null)
    {
        options ??= new RoutingOptions();
        var problems = options.Validate(optionsPath);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid routing options: " + string.Join(" ", problems), nameof(options));
        }

        var rule = new TierRule(options.TierRule);
        var catalog = baseCatalog is null
            ? ModelCatalog.Create(models, modelsPath, rule)
            : ModelCatalog.Create(baseCatalog.Document, models, modelsPath, rule, baseCatalog.Origin);
        return FromValidated(catalog, options);
    }

    /// <summary>Builds a snapshot from a catalog and options already validated.</summary>
    public static RouterSettings FromValidated(ModelCatalog catalog, RoutingOptions options) => new(
        catalog,
        options.DefaultTier,
        options.ExpectedOutputTokens,
        options.Budget.Limit,
        options.Budget.Period,
        options.Cooldown,
        options.MaxAttempts,
        options.ModelNotFoundCooldown);
}
