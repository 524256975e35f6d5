using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The routing decision alone, without the explanation: the model <see cref="RoutePlanner.Plan"/> would put first among
/// its eligible candidates, chosen from a table precomputed once per catalog snapshot and provider set, in well under a
/// microsecond and without allocating.
/// </summary>
/// <remarks>
/// <para><see cref="RoutePlanner"/> builds the full plan the <see cref="RoutingDecision"/> reports: every candidate,
/// with a reason for each one left out. That is the right thing to do once per call that is answered, but it is too
/// much for code that only needs the answer (a pre-flight check, a load balancer asking where a request would go).
/// The table holds, per routable catalog model of a configured provider, what the filters and the estimate need —
/// tier, capability flags, limits, price bands, time windows — so a decision reads arrays only.</para>
/// <para>Same rules, same order (estimated cost, then higher tier, provider key, model id): costs are compared in
/// <see cref="double"/>, and when two are within a billionth of each other the exact <see cref="decimal"/> estimates
/// of <see cref="CostCalculator.Estimate"/> decide, so ties resolve exactly as the planner resolves them.</para>
/// <para>Immutable and thread-safe; build a new table when the catalog snapshot or the provider set changes.</para>
/// </remarks>
internal sealed class RouteTable
{
    /// <summary>Relative gap under which two double costs are compared again exactly.</summary>
    private const double TieTolerance = 1e-9;

    private static readonly Lazy<TimeZoneInfo> s_beijing = new(() => TimeZoneInfo.FindSystemTimeZoneById(PriceTimeWindow.DefaultTimeZone));

    private readonly Entry[] _entries;
    private readonly string[] _providers;
    private readonly TimeZoneInfo[] _zones;

    /// <summary>The local times of the last minute a decision was made in (replaced, never changed: thread-safe).</summary>
    private LocalClock? _clock;

    /// <summary>Initializes a new instance of the <see cref="RouteTable"/> class.</summary>
    /// <param name="catalog">The catalog snapshot.</param>
    /// <param name="providers">The configured providers' keys (lower case, as the catalog's cards name them).</param>
    public RouteTable(ModelCatalog catalog, IEnumerable<string> providers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(providers);

        var configured = new HashSet<string>(providers, StringComparer.Ordinal);
        var providerKeys = new List<string>();
        var zones = new List<TimeZoneInfo>();
        var entries = new List<Entry>();
        foreach (var card in catalog.Models)
        {
            // What the planner can never make eligible is left out: unconfigured providers, no tier, no price.
            if (!configured.Contains(card.Provider!) || card.Tier is not { } tier || !card.IsRoutable)
            {
                continue;
            }

            var providerIndex = providerKeys.IndexOf(card.Provider!);
            if (providerIndex < 0)
            {
                providerIndex = providerKeys.Count;
                providerKeys.Add(card.Provider!);
            }

            entries.Add(new Entry(card, providerIndex, tier, Bands(card), Windows(card, zones)));
        }

        _entries = [.. entries];
        _providers = [.. providerKeys];
        _zones = [.. zones];
    }

    /// <summary>Gets the number of models the table can choose from.</summary>
    public int Count => _entries.Length;

    /// <summary>Chooses the model a request goes to first.</summary>
    /// <param name="tier">The lowest acceptable tier.</param>
    /// <param name="required">The capabilities the request needs.</param>
    /// <param name="inputTokens">The estimated input tokens; picks price bands and checks context windows.</param>
    /// <param name="outputTokens">The expected output tokens (the caller's MaxOutputTokens, or the configured expectation).</param>
    /// <param name="thinking">Whether the call runs in thinking mode (thinking-mode output prices).</param>
    /// <param name="maxOutputTokens">The caller's MaxOutputTokens, checked against each model's output limit.</param>
    /// <param name="now">The current time; picks time-of-day prices.</param>
    /// <param name="cooldowns">The providers cooling down, by key, or <see langword="null"/> for none.</param>
    /// <returns>The cheapest eligible model's card, or <see langword="null"/> when no model is eligible.</returns>
    public ModelCard? Choose(
        ModelTier tier,
        ModelCapabilities required,
        long inputTokens,
        long outputTokens,
        bool thinking,
        int? maxOutputTokens,
        DateTimeOffset now,
        IReadOnlyDictionary<string, ProviderCooldown>? cooldowns)
    {
        // Each zone's local time once per minute, not once per window (see LocalClock).
        var clock = Volatile.Read(ref _clock);
        if (clock is null || clock.UtcMinute != now.UtcTicks / TimeSpan.TicksPerMinute)
        {
            clock = LocalClock.At(now, _zones);
            if (clock.Reusable)
            {
                Volatile.Write(ref _clock, clock);
            }
        }

        // Cooldowns looked up once per provider, not once per model (a bit per provider; past 64 providers, per model).
        var cooling = 0UL;
        var checkEachCooldown = false;
        if (cooldowns is { Count: > 0 })
        {
            checkEachCooldown = _providers.Length > 64;
            for (var p = 0; p < _providers.Length && !checkEachCooldown; p++)
            {
                if (cooldowns.ContainsKey(_providers[p]))
                {
                    cooling |= 1UL << p;
                }
            }
        }

        var today = clock.BeijingDate;
        var tokens = inputTokens + outputTokens;
        var best = -1;
        var bestCost = 0d;
        for (var i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i];
            if (entry.Tier < tier
                || (entry.Capabilities & required) != required
                || tokens > entry.ContextWindow
                || (maxOutputTokens is { } asked && asked > entry.MaxOutputTokens))
            {
                continue;
            }

            if (entry.Retired is { } retired && retired <= today)
            {
                continue; // the vendor no longer serves it
            }

            var band = entry.SelectBand(inputTokens, outputTokens);
            if (band < 0)
            {
                continue; // longer than the last price band: the vendor would reject it
            }

            if (checkEachCooldown ? cooldowns!.ContainsKey(_providers[entry.ProviderIndex]) : (cooling & (1UL << entry.ProviderIndex)) != 0)
            {
                continue;
            }

            var cost = entry.Cost(band, inputTokens, outputTokens, thinking, clock);
            if (best < 0 || IsBefore(entry, cost, _entries[best], bestCost, inputTokens, outputTokens, thinking, now))
            {
                best = i;
                bestCost = cost;
            }
        }

        return best < 0 ? null : _entries[best].Card;
    }

    /// <summary>Whether a candidate goes before the best so far, by <see cref="RoutePlanner.Order"/>'s rules.</summary>
    private static bool IsBefore(Entry candidate, double cost, Entry best, double bestCost, long input, long output, bool thinking, DateTimeOffset now)
    {
        var gap = Math.Abs(cost - bestCost);
        if (gap > TieTolerance * Math.Max(Math.Abs(cost), Math.Abs(bestCost)))
        {
            return cost < bestCost;
        }

        // Near or exact tie: the planner's own decimal estimates, then its tie-breaks.
        var exact = CostCalculator.Estimate(candidate.Card, input, output, now, thinking: thinking) ?? decimal.MaxValue;
        var exactBest = CostCalculator.Estimate(best.Card, input, output, now, thinking: thinking) ?? decimal.MaxValue;
        var byCost = exact.CompareTo(exactBest);
        if (byCost != 0)
        {
            return byCost < 0;
        }

        if (candidate.Tier != best.Tier)
        {
            return candidate.Tier > best.Tier;
        }

        var byProvider = string.CompareOrdinal(candidate.Card.Provider, best.Card.Provider);
        return byProvider != 0 ? byProvider < 0 : string.CompareOrdinal(candidate.Card.Id, best.Card.Id) < 0;
    }

    private static Band[] Bands(ModelCard card)
    {
        if (card.Bands.Count == 0)
        {
            return [new Band(long.MaxValue, long.MaxValue, card.InputPerMillion!.Value, card.OutputPerMillion!.Value, card.ThinkingOutputPerMillion)];
        }

        var bands = new Band[card.Bands.Count];
        for (var i = 0; i < bands.Length; i++)
        {
            var band = card.Bands[i];
            bands[i] = new Band(band.MaxInputTokens, band.MaxOutputTokens ?? long.MaxValue, band.InputPerMillion!.Value, band.OutputPerMillion!.Value, band.ThinkingOutputPerMillion);
        }

        return bands;
    }

    private static Window[] Windows(ModelCard card, List<TimeZoneInfo> zones)
    {
        var windows = new Window[card.TimeWindows.Count];
        for (var i = 0; i < windows.Length; i++)
        {
            var window = card.TimeWindows[i];
            var zone = window.GetResolvedTimeZone();
            var zoneIndex = zones.IndexOf(zone);
            if (zoneIndex < 0)
            {
                zoneIndex = zones.Count;
                zones.Add(zone);
            }

            windows[i] = new Window(window, zoneIndex, (double)(window.Multiplier ?? 1m));
        }

        return windows;
    }

    /// <summary>One price band: up to <see cref="MaxInputTokens"/> input and <see cref="MaxOutputTokens"/> output tokens, prices per million tokens.</summary>
    private readonly record struct Band(long MaxInputTokens, long MaxOutputTokens, double Input, double Output, double? ThinkingOutput)
    {
        public Band(long maxInputTokens, long maxOutputTokens, decimal input, decimal output, decimal? thinkingOutput)
            : this(maxInputTokens, maxOutputTokens, (double)input, (double)output, thinkingOutput is { } t ? (double)t : null)
        {
        }
    }

    /// <summary>
    /// The local minute of the day and day of the week in each zone during one UTC minute. Reusable for every instant of
    /// that minute when each zone's offset is a whole number of minutes and the same at the minute's start and end (true
    /// of every offset in use since the early twentieth century); otherwise it serves the one decision it was made for.
    /// </summary>
    private sealed class LocalClock
    {
        private LocalClock(long utcMinute, int zones)
        {
            UtcMinute = utcMinute;
            MinuteOfDay = new int[zones];
            Day = new DayOfWeek[zones];
        }

        public long UtcMinute { get; }

        public int[] MinuteOfDay { get; }

        public DayOfWeek[] Day { get; }

        public bool Reusable { get; private set; }

        /// <summary>Gets the date in Beijing, which retirement dates are written in.</summary>
        public DateOnly BeijingDate { get; private set; }

        public static LocalClock At(DateTimeOffset now, TimeZoneInfo[] zones)
        {
            var utcMinute = now.UtcTicks / TimeSpan.TicksPerMinute;
            var clock = new LocalClock(utcMinute, zones.Length)
            {
                Reusable = true,
                BeijingDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, s_beijing.Value).DateTime),
            };
            var minuteStart = new DateTimeOffset(utcMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
            var minuteEnd = minuteStart.AddTicks(TimeSpan.TicksPerMinute - 1);
            for (var z = 0; z < zones.Length; z++)
            {
                var local = TimeZoneInfo.ConvertTime(now, zones[z]);
                clock.MinuteOfDay[z] = (local.Hour * 60) + local.Minute;
                clock.Day[z] = local.DayOfWeek;
                var offset = zones[z].GetUtcOffset(minuteStart);
                if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset != zones[z].GetUtcOffset(minuteEnd))
                {
                    clock.Reusable = false;
                }
            }

            return clock;
        }
    }

    /// <summary>One time window, the index of its zone's local time, and its multiplier.</summary>
    private readonly record struct Window(PriceTimeWindow Source, int ZoneIndex, double Multiplier);

    /// <summary>One model, reduced to what a decision reads.</summary>
    private sealed class Entry(ModelCard card, int providerIndex, ModelTier tier, Band[] bands, Window[] windows)
    {
        public ModelCard Card { get; } = card;

        public int ProviderIndex { get; } = providerIndex;

        public ModelTier Tier { get; } = tier;

        public ModelCapabilities Capabilities { get; } = card.CapabilityFlags;

        public long ContextWindow { get; } = card.ContextWindow ?? long.MaxValue;

        public long MaxOutputTokens { get; } = card.MaxOutputTokens ?? long.MaxValue;

        /// <summary>The day the vendor stops serving the model (a Beijing date), if it does.</summary>
        public DateOnly? Retired { get; } = card.Retired;

        /// <summary>The first band that fits <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out, or -1.</summary>
        public int SelectBand(long inputTokens, long outputTokens)
        {
            for (var b = 0; b < bands.Length; b++)
            {
                if (inputTokens <= bands[b].MaxInputTokens && outputTokens <= bands[b].MaxOutputTokens)
                {
                    return b;
                }
            }

            return -1;
        }

        /// <summary>The estimated cost, per million tokens (the common divisor does not change the order).</summary>
        public double Cost(int band, long input, long output, bool thinking, LocalClock clock)
        {
            var prices = bands[band];
            var outputPrice = thinking && prices.ThinkingOutput is { } thinkingPrice ? thinkingPrice : prices.Output;
            var multiplier = 1d;
            for (var w = 0; w < windows.Length; w++)
            {
                var zone = windows[w].ZoneIndex;
                if (windows[w].Source.IsOpenAt(clock.MinuteOfDay[zone], clock.Day[zone]))
                {
                    multiplier = windows[w].Multiplier;
                    break;
                }
            }

            return ((input * prices.Input) + (output * outputPrice)) * multiplier;
        }
    }
}
