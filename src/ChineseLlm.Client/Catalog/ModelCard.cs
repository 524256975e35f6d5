using System.Collections.ObjectModel;

namespace ChineseLlm.Client;

/// <summary>
/// What the cost-aware router knows about one chat model: its tier, limits, capabilities, prices in CNY and where
/// those prices came from.
/// </summary>
/// <remarks>
/// <para>Cards come from the embedded, dated catalog and from the <c>ChineseLlm:Models</c> configuration section, which
/// uses the same field names (for example <c>ChineseLlm:Models:0:Provider = deepseek</c>,
/// <c>ChineseLlm:Models:0:InputPerMillion = 1</c>). A configured card whose <see cref="Provider"/> and <see cref="Id"/>
/// (compared case-insensitively) match an embedded card overrides it; any other configured card adds a model.</para>
/// <para>How an override combines with the embedded card: each of <see cref="Tier"/>, <see cref="ContextWindow"/>,
/// <see cref="MaxOutputTokens"/>, <see cref="Capabilities"/>, <see cref="Source"/>, <see cref="EffectiveDate"/>,
/// <see cref="Confidence"/>, <see cref="CheckedOn"/>, <see cref="Quality"/>, <see cref="Retired"/>, <see cref="ReplacedBy"/>
/// and <see cref="Notes"/> that the override leaves unset keeps the embedded value. The
/// <em>price schedule</em> — <see cref="InputPerMillion"/>, <see cref="CachedInputPerMillion"/>,
/// <see cref="OutputPerMillion"/>, <see cref="ThinkingOutputPerMillion"/>, <see cref="Bands"/> and
/// <see cref="TimeWindows"/> — is taken as a whole: if the override sets any of them, the override's schedule replaces
/// the embedded one entirely (so restate the time windows if they still apply); otherwise the embedded schedule is kept.</para>
/// <para>Prices: <see langword="null"/> means unknown, and a model with an unknown input or output price is not routable
/// (<see cref="IsRoutable"/> is <see langword="false"/>); it is never treated as free. Zero is a real price (free models).
/// With <see cref="Bands"/>, the bands define the prices and the top-level prices, when set, must equal the first band's.</para>
/// <para>Cards held by the model catalog are frozen snapshots: setting a property then throws
/// <see cref="InvalidOperationException"/> and their lists are read-only.</para>
/// </remarks>
public sealed class ModelCard
{
    private static readonly Lazy<TimeZoneInfo> s_beijing = new(() => TimeZoneInfo.FindSystemTimeZoneById(PriceTimeWindow.DefaultTimeZone));


    /// <summary>Gets or sets the provider key: <c>qwen</c>, <c>ernie</c>, <c>doubao</c>, <c>hunyuan</c>, <c>kimi</c>, <c>deepseek</c> or another registered provider.</summary>
    /// <value>Required. The catalog stores it in lower case.</value>
    public string? Provider { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the model id as the vendor's API expects it (for example <c>deepseek-flash</c>).</summary>
    /// <value>Required.</value>
    public string? Id { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the quality tier of the model.</summary>
    /// <value>Required for a model that is not in the embedded catalog.</value>
    public ModelTier? Tier { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the context window in tokens (input and output together).</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public int? ContextWindow { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the most output tokens (reasoning included) one call may produce.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public int? MaxOutputTokens { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the model's capabilities as <see cref="ModelCapabilities"/> names, one per element (<c>Capabilities:0 = Tools</c>; JSON <c>["Tools", "Vision"]</c>).</summary>
    /// <value>An empty list means plain text chat only. Names are matched case-insensitively; an unknown name is a validation error.</value>
    /// <remarks>
    /// The list holds names rather than enum values so that a misspelt name in configuration is reported with its key
    /// instead of being dropped silently by the configuration binder. Read the parsed value from <see cref="CapabilityFlags"/>.
    /// </remarks>
    public IList<string> Capabilities { get; set => field = Unfrozen(value ?? new List<string>()); } = new List<string>();

    /// <summary>Gets or sets the price of uncached input tokens, in CNY per million tokens (the first band's price when <see cref="Bands"/> are set; the base price when <see cref="TimeWindows"/> are set).</summary>
    /// <value><see langword="null"/> when unknown: the model is then not routable.</value>
    public decimal? InputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of input tokens read from the vendor's cache, in CNY per million tokens.</summary>
    /// <value><see langword="null"/> when the vendor publishes no cache price; cache hits are then billed at <see cref="InputPerMillion"/>.</value>
    public decimal? CachedInputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of output tokens (reasoning tokens included), in CNY per million tokens.</summary>
    /// <value><see langword="null"/> when unknown: the model is then not routable.</value>
    public decimal? OutputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of all output tokens of a call made in thinking mode, in CNY per million tokens (Qwen hybrid models bill by mode).</summary>
    /// <value><see langword="null"/> when thinking-mode output costs the same as <see cref="OutputPerMillion"/>.</value>
    public decimal? ThinkingOutputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the input-length price bands, in ascending order of <see cref="PriceBand.MaxInputTokens"/>.</summary>
    /// <value>An empty list means one flat price for any input length.</value>
    public IList<PriceBand> Bands { get; set => field = Unfrozen(value ?? new List<PriceBand>()); } = new List<PriceBand>();

    /// <summary>Gets or sets the time windows that multiply all prices while open (for example DeepSeek's peak hours).</summary>
    /// <value>An empty list means the prices do not depend on the time of day. The first open window applies.</value>
    public IList<PriceTimeWindow> TimeWindows { get; set => field = Unfrozen(value ?? new List<PriceTimeWindow>()); } = new List<PriceTimeWindow>();

    /// <summary>Gets or sets where the prices come from (a vendor page address or a description).</summary>
    public string? Source { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the date from which these prices apply.</summary>
    public DateOnly? EffectiveDate { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets how reliable the prices are: <c>doc</c> (the vendor's own page), <c>relay</c> (a relay's or SDK's price table), <c>unverified</c>, or any label of your own.</summary>
    public string? Confidence { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the day the row was last compared with its <see cref="Source"/> (JSON <c>yyyy-MM-dd</c>).</summary>
    /// <value>Required in a catalog document; an override that leaves it unset keeps the embedded value.</value>
    public DateOnly? CheckedOn { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the public quality evidence the row's <see cref="Tier"/> rests on (docs/catalog.md, "Tiers").</summary>
    /// <value><see langword="null"/> when no pinned index rates the model; such a model is never placed above <see cref="ModelTier.Standard"/> by the tier rule.</value>
    public ModelQuality? Quality { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the day the vendor stops (or stopped) serving the model (JSON <c>yyyy-MM-dd</c>, a date in Beijing time).</summary>
    /// <value><see langword="null"/> while the model is served. From that day on (by the <see cref="TimeProvider"/> in DI) the router never routes to it.</value>
    public DateOnly? Retired { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the id of the model the vendor names as the replacement of a <see cref="Retired"/> one.</summary>
    public string? ReplacedBy { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets free-form notes about the model or its prices.</summary>
    public string? Notes { get; set => field = Unfrozen(value); }

    /// <summary>Gets a value indicating whether the model's input and output prices are known, so that the router may choose it.</summary>
    [JsonIgnore]
    public bool IsRoutable => Bands.Count > 0
        ? Bands.All(b => b.InputPerMillion is not null && b.OutputPerMillion is not null)
        : InputPerMillion is not null && OutputPerMillion is not null;

    /// <summary>Gets all of the model's <see cref="Capabilities"/> combined into one value; unknown names are ignored.</summary>
    [JsonIgnore]
    public ModelCapabilities CapabilityFlags
    {
        get
        {
            var flags = ModelCapabilities.None;
            foreach (var name in Capabilities)
            {
                if (TryParseCapability(name, out var capability))
                {
                    flags |= capability;
                }
            }

            return flags;
        }
    }

    internal bool IsFrozen { get; private set; }

    /// <summary>Returns whether the model is retired on the Beijing date of <paramref name="now"/> (on or after <see cref="Retired"/>).</summary>
    /// <param name="now">The current time, from the <see cref="TimeProvider"/> in DI.</param>
    /// <returns><see langword="true"/> when the router must not route to the model.</returns>
    internal bool IsRetiredAt(DateTimeOffset now)
        => Retired is { } retired && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, s_beijing.Value).DateTime) >= retired;

    /// <summary>Returns the zone whose date <see cref="Retired"/> is read in (Beijing time, as the vendors announce retirements).</summary>
    internal static TimeZoneInfo GetRetirementTimeZone() => s_beijing.Value;

    /// <summary>Returns whether the model has every capability in <paramref name="required"/>.</summary>
    /// <param name="required">The capabilities a request needs.</param>
    /// <returns><see langword="true"/> when all of <paramref name="required"/> are supported.</returns>
    public bool HasCapabilities(ModelCapabilities required) => (CapabilityFlags & required) == required;

    /// <summary>Returns <c>provider/id</c>.</summary>
    /// <returns>The provider key and the model id.</returns>
    public override string ToString() => $"{Provider}/{Id}";

    /// <summary>Parses one capability name (or a comma-separated combination); numbers are not accepted.</summary>
    internal static bool TryParseCapability(string? name, out ModelCapabilities capability)
    {
        capability = ModelCapabilities.None;
        if (string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || name.Contains('-', StringComparison.Ordinal))
        {
            return false;
        }

        return Enum.TryParse(name, ignoreCase: true, out capability);
    }

    /// <summary>Returns an unfrozen deep copy: its own capability list, bands, windows and quality evidence.</summary>
    internal ModelCard Clone()
    {
        var copy = (ModelCard)MemberwiseClone();
        copy.IsFrozen = false;
        copy.Capabilities = new List<string>(Capabilities);
        copy.Bands = Bands.Select(b => b?.Clone()!).ToList();
        copy.TimeWindows = TimeWindows.Select(w => w?.Clone()!).ToList();
        copy.Quality = Quality?.Clone();
        return copy;
    }

    /// <summary>Makes the card and its bands and windows read-only. Call only after validation.</summary>
    internal void Freeze()
    {
        foreach (var band in Bands)
        {
            band.Freeze();
        }

        foreach (var window in TimeWindows)
        {
            window.Freeze();
        }

        Quality?.Freeze();
        Capabilities = new ReadOnlyCollection<string>(new List<string>(Capabilities));
        Bands = new ReadOnlyCollection<PriceBand>(new List<PriceBand>(Bands));
        TimeWindows = new ReadOnlyCollection<PriceTimeWindow>(new List<PriceTimeWindow>(TimeWindows));
        IsFrozen = true;
    }

    private T Unfrozen<T>(T value) => IsFrozen ? throw new InvalidOperationException($"The model card {this} belongs to a model catalog snapshot and cannot be changed.") : value;
}
