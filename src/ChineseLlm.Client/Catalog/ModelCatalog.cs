namespace ChineseLlm.Client.Catalog;

/// <summary>
/// An immutable snapshot of the model cards the router may use: the embedded, dated catalog plus the entries of
/// <c>ChineseLlm:Models</c>, which add models or override them by (provider, id), compared case-insensitively.
/// </summary>
/// <remarks>
/// <para>Every card in a snapshot is validated and frozen, so a snapshot can be shared across threads and never
/// changes. A configuration reload builds a new snapshot with <see cref="Create(IEnumerable{ModelCard}?, string)"/> and
/// swaps the reference; callers that hold the old snapshot keep a consistent view.</para>
/// <para>How an override combines with the embedded card is described on <see cref="ModelCard"/>.</para>
/// </remarks>
internal sealed class ModelCatalog
{
    /// <summary>The configuration key of the override list, used to name bad entries in error messages.</summary>
    public const string ConfigurationKey = "ChineseLlm:Models";

    /// <summary>The manifest name of the embedded catalog.</summary>
    internal const string ResourceName = "ChineseLlm.Client.Catalog.catalog.json";

    private const string EmbeddedKey = "catalog.json:Models";

    private static readonly Lazy<CatalogDocument> s_embeddedDocument = new(LoadEmbeddedDocument);
    private static readonly Lazy<ModelCatalog> s_embedded = new(() => Create(overrides: null));

    private readonly Dictionary<string, ModelCard> _byKey;

    /// <summary>The <see cref="Origin"/> of the embedded catalog.</summary>
    internal const string EmbeddedOrigin = "embedded";

    private ModelCatalog(DateOnly asOf, List<ModelCard> models, string origin)
    {
        AsOf = asOf;
        Origin = origin;
        Models = models.AsReadOnly();
        RoutableModels = models.Where(m => m.IsRoutable).ToList().AsReadOnly();
        _byKey = new Dictionary<string, ModelCard>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            _byKey[MakeKey(model.Provider!, model.Id!)] = model;
        }
    }

    /// <summary>Gets the snapshot of the embedded catalog alone, with no overrides.</summary>
    public static ModelCatalog Embedded => s_embedded.Value;

    /// <summary>Gets the date on which the base catalog's prices were last checked (its <c>AsOf</c>).</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets where the base catalog came from: <c>embedded</c>, a file path or a URL shown without its query (<see cref="CatalogSource"/>).</summary>
    public string Origin { get; }

    /// <summary>Gets every card, routable or not: embedded cards in file order (overridden in place), then added cards in configuration order.</summary>
    public IReadOnlyList<ModelCard> Models { get; }

    /// <summary>Gets the cards whose prices are known (<see cref="ModelCard.IsRoutable"/>), in the order of <see cref="Models"/>.</summary>
    public IReadOnlyList<ModelCard> RoutableModels { get; }

    /// <summary>Builds a snapshot from the embedded catalog and <paramref name="overrides"/>.</summary>
    /// <param name="overrides">The entries of <c>ChineseLlm:Models</c>, or <see langword="null"/> for none. They are copied, never modified.</param>
    /// <param name="key">The configuration key of <paramref name="overrides"/>, used in error messages.</param>
    /// <returns>A validated, frozen snapshot.</returns>
    /// <exception cref="ArgumentException">An override entry is invalid; the message names each bad key.</exception>
    public static ModelCatalog Create(IEnumerable<ModelCard>? overrides, string key = ConfigurationKey)
        => Create(s_embeddedDocument.Value, overrides, key);

    /// <summary>Builds a snapshot from the embedded catalog and <paramref name="overrides"/>, tiering rows that carry quality evidence with <paramref name="tierRule"/>.</summary>
    /// <exception cref="ArgumentException">An override entry is invalid; the message names each bad key.</exception>
    public static ModelCatalog Create(IEnumerable<ModelCard>? overrides, string key, TierRule tierRule)
        => Create(s_embeddedDocument.Value, overrides, key, tierRule, EmbeddedOrigin);

    /// <summary>Builds a snapshot from a given base document (used by tests) and <paramref name="overrides"/>.</summary>
    /// <exception cref="InvalidOperationException">The base document is invalid.</exception>
    /// <exception cref="ArgumentException">An override entry is invalid; the message names each bad key.</exception>
    internal static ModelCatalog Create(CatalogDocument baseDocument, IEnumerable<ModelCard>? overrides, string key = ConfigurationKey, TierRule? tierRule = null, string origin = EmbeddedOrigin)
    {
        var (catalog, baseErrors, overrideErrors) = Build(baseDocument, overrides, key, tierRule ?? TierRule.Default, origin);
        if (baseErrors.Count > 0)
        {
            throw new InvalidOperationException($"The model catalog ({origin}) is invalid: " + string.Join("; ", baseErrors));
        }

        if (overrideErrors.Count > 0)
        {
            throw new ArgumentException($"Invalid model catalog configuration: {string.Join("; ", overrideErrors)}.", nameof(overrides));
        }

        return catalog!;
    }

    /// <summary>Checks <paramref name="overrides"/> against the embedded catalog without building a snapshot (for options validation).</summary>
    /// <param name="overrides">The entries of <c>ChineseLlm:Models</c>, or <see langword="null"/> for none.</param>
    /// <param name="key">The configuration key of <paramref name="overrides"/>, used in the messages.</param>
    /// <returns>One message per problem, each starting with the configuration key at fault; empty when all entries are valid.</returns>
    public static IReadOnlyList<string> Validate(IEnumerable<ModelCard>? overrides, string key = ConfigurationKey)
        => Validate(s_embeddedDocument.Value, overrides, key, TierRule.Default);

    /// <summary>Checks <paramref name="overrides"/> against <paramref name="baseDocument"/> without building a snapshot.</summary>
    /// <returns>The override problems, each starting with the key at fault; empty when all entries are valid (the base document's own problems are not reported here).</returns>
    internal static IReadOnlyList<string> Validate(CatalogDocument baseDocument, IEnumerable<ModelCard>? overrides, string key, TierRule tierRule)
        => Build(baseDocument, overrides, key, tierRule, EmbeddedOrigin).OverrideErrors;

    /// <summary>Checks a base document and <paramref name="overrides"/> together: the document's rows (each valid, none repeated), then the overrides on top of it.</summary>
    /// <returns>Every problem; empty when <see cref="Create(CatalogDocument, IEnumerable{ModelCard}?, string, TierRule?, string)"/> would succeed.</returns>
    internal static List<string> Problems(CatalogDocument baseDocument, IEnumerable<ModelCard>? overrides, string key, TierRule tierRule)
    {
        var (_, baseErrors, overrideErrors) = Build(baseDocument, overrides, key, tierRule, EmbeddedOrigin);
        return [.. baseErrors, .. overrideErrors];
    }

    /// <summary>Gets the embedded catalog document (parsed once; never modify it).</summary>
    internal static CatalogDocument EmbeddedDocument => s_embeddedDocument.Value;

    /// <summary>Parses a catalog document in the embedded catalog's JSON format.</summary>
    /// <exception cref="JsonException">The JSON is malformed or has an unknown property.</exception>
    internal static CatalogDocument ParseDocument(string json)
        => JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogDocument)
           ?? throw new JsonException("The model catalog document is empty.");

    /// <summary>Reads the embedded catalog's JSON text.</summary>
    internal static string ReadEmbeddedJson()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded model catalog '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Finds the card of a model.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c> (any case).</param>
    /// <param name="id">The model id (any case).</param>
    /// <returns>The card, or <see langword="null"/> when the catalog has no such model.</returns>
    public ModelCard? Find(string provider, string id)
        => TryFind(provider, id, out var card) ? card : null;

    /// <summary>Finds the card of a model.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c> (any case).</param>
    /// <param name="id">The model id (any case).</param>
    /// <param name="card">The card, when found.</param>
    /// <returns><see langword="true"/> when the catalog has the model.</returns>
    public bool TryFind(string provider, string id, [NotNullWhen(true)] out ModelCard? card)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(id);
        return _byKey.TryGetValue(MakeKey(provider.Trim(), id.Trim()), out card);
    }

    private static CatalogDocument LoadEmbeddedDocument() => ParseDocument(ReadEmbeddedJson());

    private static (ModelCatalog? Catalog, List<string> BaseErrors, List<string> OverrideErrors) Build(
        CatalogDocument baseDocument, IEnumerable<ModelCard>? overrides, string key, TierRule tierRule, string origin)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);

        var baseErrors = new List<string>();
        var models = new List<ModelCard>();
        var indexByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < baseDocument.Models.Count; i++)
        {
            var entryKey = Index(EmbeddedKey, i);
            var source = baseDocument.Models[i];
            if (source is null)
            {
                baseErrors.Add($"{entryKey} is empty");
                continue;
            }

            var card = Normalize(source.Clone());
            ModelCardValidator.Validate(card, entryKey, baseErrors);
            if (card.Provider is null || card.Id is null)
            {
                continue;
            }

            if (!indexByKey.TryAdd(MakeKey(card.Provider, card.Id), models.Count))
            {
                baseErrors.Add($"{entryKey} repeats the model {card}");
                continue;
            }

            models.Add(card);
        }

        var overrideErrors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in overrides ?? [])
        {
            var entryKey = Index(key, index++);
            if (entry is null)
            {
                overrideErrors.Add($"{entryKey} is empty");
                continue;
            }

            var card = Normalize(entry.Clone());
            if (card.Provider is null || card.Id is null)
            {
                ModelCardValidator.Validate(card, entryKey, overrideErrors);
                continue;
            }

            var modelKey = MakeKey(card.Provider, card.Id);
            if (!seen.TryAdd(modelKey, entryKey))
            {
                overrideErrors.Add($"{entryKey} repeats the model {card} already configured at {seen[modelKey]}");
                continue;
            }

            if (indexByKey.TryGetValue(modelKey, out var position))
            {
                var merged = Merge(models[position], card, entryKey);
                ModelCardValidator.Validate(merged, entryKey, overrideErrors);
                models[position] = merged;
            }
            else
            {
                card.Source ??= "configuration " + entryKey;
                ModelCardValidator.Validate(card, entryKey, overrideErrors);
                indexByKey[modelKey] = models.Count;
                models.Add(card);
            }
        }

        if (baseErrors.Count > 0 || overrideErrors.Count > 0)
        {
            return (null, baseErrors, overrideErrors);
        }

        foreach (var model in models)
        {
            // A row with evidence on the rule's pinned index takes the rule's tier (docs/catalog.md, "Tiers").
            model.Tier = tierRule.TierOf(model);
            model.Freeze();
        }

        return (new ModelCatalog(baseDocument.AsOf, models, origin), baseErrors, overrideErrors);
    }

    /// <summary>Combines an embedded card with a configured override (rules on <see cref="ModelCard"/>).</summary>
    private static ModelCard Merge(ModelCard embedded, ModelCard configured, string entryKey)
    {
        var merged = embedded.Clone();
        merged.Id = configured.Id;
        merged.Tier = configured.Tier ?? embedded.Tier;
        merged.ContextWindow = configured.ContextWindow ?? embedded.ContextWindow;
        merged.MaxOutputTokens = configured.MaxOutputTokens ?? embedded.MaxOutputTokens;
        if (configured.Capabilities.Count > 0)
        {
            merged.Capabilities = new List<string>(configured.Capabilities);
        }

        merged.Notes = configured.Notes ?? embedded.Notes;
        // A configured tier without configured evidence is the user's judgement: the embedded evidence no longer applies.
        merged.Quality = configured.Quality?.Clone() ?? (configured.Tier is null ? embedded.Quality?.Clone() : null);
        merged.Retired = configured.Retired ?? embedded.Retired;
        merged.ReplacedBy = configured.ReplacedBy ?? embedded.ReplacedBy;

        var setsSchedule = configured.InputPerMillion is not null
            || configured.CachedInputPerMillion is not null
            || configured.OutputPerMillion is not null
            || configured.ThinkingOutputPerMillion is not null
            || configured.Bands.Count > 0
            || configured.TimeWindows.Count > 0;
        if (setsSchedule)
        {
            merged.InputPerMillion = configured.InputPerMillion;
            merged.CachedInputPerMillion = configured.CachedInputPerMillion;
            merged.OutputPerMillion = configured.OutputPerMillion;
            merged.ThinkingOutputPerMillion = configured.ThinkingOutputPerMillion;
            merged.Bands = configured.Bands;
            merged.TimeWindows = configured.TimeWindows;

            // The embedded provenance describes the embedded prices, not these.
            merged.Source = configured.Source ?? "configuration " + entryKey;
            merged.EffectiveDate = configured.EffectiveDate;
            merged.Confidence = configured.Confidence;
            merged.CheckedOn = configured.CheckedOn;
        }
        else
        {
            merged.Source = configured.Source ?? embedded.Source;
            merged.EffectiveDate = configured.EffectiveDate ?? embedded.EffectiveDate;
            merged.Confidence = configured.Confidence ?? embedded.Confidence;
            merged.CheckedOn = configured.CheckedOn ?? embedded.CheckedOn;
        }

        return merged;
    }

    private static ModelCard Normalize(ModelCard card)
    {
        card.Provider = string.IsNullOrWhiteSpace(card.Provider) ? null : card.Provider.Trim().ToLowerInvariant();
        card.Id = string.IsNullOrWhiteSpace(card.Id) ? null : card.Id.Trim();
        return card;
    }

    private static string MakeKey(string provider, string id) => provider + "\n" + id;

    private static string Index(string key, int index) => key + ":" + index.ToString(CultureInfo.InvariantCulture);
}
