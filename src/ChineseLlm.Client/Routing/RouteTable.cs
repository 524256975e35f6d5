using ChineseLlm.Client.Catalog;
using ProtocolCapabilities = ChineseLlm.Client.Http.ProtocolCapabilities;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The router's first choice for a call, made from a table precomputed once per catalog snapshot and provider set: the
/// model <see cref="RoutePlanner.Plan"/> would put first among its eligible candidates, found without building the plan
/// and without allocating.
/// </summary>
/// <remarks>
/// <para>Most calls are answered by the first model they try. For those the router needs one model, its estimate and
/// its client, not every candidate with its estimate and every row left out with its reason; that explanation
/// (<see cref="RoutingDecision.Candidates"/>) is built by the planner only when someone reads it, and the full plan
/// only when the first model fails (<see cref="RoutedCall"/>).</para>
/// <para>Same rules as the planner, read from arrays: tier, retirement (the Beijing date), price known, capabilities
/// the row has and the provider's protocol sends, context window, output limit, price band. Same order (estimated
/// cost, then higher tier, provider key, model id): costs are compared in <see cref="double"/>, and when two are within
/// a billionth of each other the exact <see cref="decimal"/> estimates of <see cref="CostCalculator.Estimate"/> decide,
/// so ties resolve exactly as the planner resolves them. Cooldowns and pinned models are the planner's alone: the router
/// asks the table only when nothing is cooling down and nothing is pinned.</para>
/// <para>Immutable apart from a cached clock (replaced, never changed): thread-safe.</para>
/// </remarks>
internal sealed class RouteTable
{
    /// <summary>Relative gap under which two double costs are compared again exactly.</summary>
    private const double TieTolerance = 1e-9;

    /// <summary>The zone of <see cref="ModelCard.Retired"/> dates is always the first zone of <see cref="_zones"/>.</summary>
    private const int RetirementZone = 0;

    private readonly Entry[] _entries;
    private readonly TimeZoneInfo[] _zones;

    /// <summary>The local times of the last minute a choice was made in.</summary>
    private LocalClock? _clock;

    /// <summary>Initializes a new instance of the <see cref="RouteTable"/> class.</summary>
    /// <param name="catalog">The catalog snapshot.</param>
    /// <param name="providers">The configured providers' clients by lower-case key (as the catalog's rows name them).</param>
    /// <param name="protocols">What each provider's protocol sends, by key; a provider missing here is trusted to send everything.</param>
    public RouteTable(ModelCatalog catalog, IReadOnlyDictionary<string, IChatClient> providers, IReadOnlyDictionary<string, ProtocolCapabilities>? protocols)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(providers);

        var zones = new List<TimeZoneInfo> { ModelCard.GetRetirementTimeZone() };
        var entries = new List<Entry>();
        foreach (var card in catalog.Models)
        {
            // What the planner can never make eligible is left out: unconfigured providers, no tier, no price.
            if (!providers.TryGetValue(card.Provider!, out var client) || card.Tier is not { } tier || !card.IsRoutable)
            {
                continue;
            }

            var dropped = protocols is not null && protocols.TryGetValue(card.Provider!, out var protocol)
                ? protocol.Drops(ProtocolCapabilities.Routed)
                : ModelCapabilities.None;
            entries.Add(new Entry(card, client, tier, card.CapabilityFlags & ~dropped, Bands(card), Windows(card, zones)));
        }

        _entries = [.. entries];
        _zones = [.. zones];
    }

    /// <summary>Gets the number of models the table can choose from.</summary>
    public int Count => _entries.Length;

    /// <summary>Chooses the model an unpinned request goes to first when no provider or model is cooling down.</summary>
    /// <param name="request">What the request asks for; its <see cref="RouteRequest.PinnedModelId"/> is not read.</param>
    /// <param name="now">The current time; picks time-of-day prices and leaves retired models out.</param>
    /// <returns>The cheapest eligible model, or <see langword="null"/> when no model is eligible.</returns>
    public Entry? Choose(in RouteRequest request, DateTimeOffset now)
    {
        // Each zone's local time once per minute, not once per window or row (see LocalClock).
        var clock = Volatile.Read(ref _clock);
        if (clock is null || clock.UtcMinute != now.UtcTicks / TimeSpan.TicksPerMinute)
        {
            clock = LocalClock.At(now, _zones);
            if (clock.Reusable)
            {
                Volatile.Write(ref _clock, clock);
            }
        }

        var (tier, required, input, output, thinking, _, maxOutputTokens) = request;
        var today = clock.Date[RetirementZone];
        var tokens = input + output;
        Entry? best = null;
        var bestCost = 0d;
        foreach (var entry in _entries)
        {
            if (entry.Tier < tier
                || entry.Retired <= today
                || (entry.Capabilities & required) != required
                || tokens > entry.ContextWindow
                || (maxOutputTokens is { } asked && asked > entry.MaxOutputTokens))
            {
                continue;
            }

            var band = entry.SelectBand(input, output);
            if (band < 0)
            {
                continue; // longer than the last price band: the vendor would reject it
            }

            var cost = entry.Cost(band, input, output, thinking, clock);
            if (best is null || IsBefore(entry, cost, best, bestCost, input, output, thinking, now))
            {
                best = entry;
                bestCost = cost;
            }
        }

        return best;
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

    /// <summary>One price band: up to its input and output token limits, prices per million tokens.</summary>
    internal readonly record struct Band(long MaxInputTokens, long MaxOutputTokens, double Input, double Output, double? ThinkingOutput)
    {
        public Band(long maxInputTokens, long maxOutputTokens, decimal input, decimal output, decimal? thinkingOutput)
            : this(maxInputTokens, maxOutputTokens, (double)input, (double)output, thinkingOutput is { } t ? (double)t : null)
        {
        }
    }

    /// <summary>
    /// The local minute of the day, day of the week and date in each zone during one UTC minute. Reusable for every
    /// instant of that minute when each zone's offset is a whole number of minutes and the same at the minute's start and
    /// end (true of every offset in use since the early twentieth century); otherwise it serves the one choice it was made for.
    /// </summary>
    internal sealed class LocalClock
    {
        private LocalClock(long utcMinute, int zones)
        {
            UtcMinute = utcMinute;
            MinuteOfDay = new int[zones];
            Day = new DayOfWeek[zones];
            Date = new DateOnly[zones];
        }

        public long UtcMinute { get; }

        public int[] MinuteOfDay { get; }

        public DayOfWeek[] Day { get; }

        public DateOnly[] Date { get; }

        public bool Reusable { get; private set; }

        public static LocalClock At(DateTimeOffset now, TimeZoneInfo[] zones)
        {
            var utcMinute = now.UtcTicks / TimeSpan.TicksPerMinute;
            var clock = new LocalClock(utcMinute, zones.Length) { Reusable = true };
            var minuteStart = new DateTimeOffset(utcMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
            var minuteEnd = minuteStart.AddTicks(TimeSpan.TicksPerMinute - 1);
            for (var z = 0; z < zones.Length; z++)
            {
                var local = TimeZoneInfo.ConvertTime(now, zones[z]);
                clock.MinuteOfDay[z] = (local.Hour * 60) + local.Minute;
                clock.Day[z] = local.DayOfWeek;
                clock.Date[z] = DateOnly.FromDateTime(local.DateTime);
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
    internal readonly record struct Window(PriceTimeWindow Source, int ZoneIndex, double Multiplier);

    /// <summary>One model of a configured provider, reduced to what a choice reads.</summary>
    internal sealed class Entry
    {
        private readonly Band[] _bands;
        private readonly Window[] _windows;

        internal Entry(ModelCard card, IChatClient client, ModelTier tier, ModelCapabilities capabilities, Band[] bands, Window[] windows)
        {
            Card = card;
            Client = client;
            Tier = tier;
            Capabilities = capabilities;
            Retired = card.Retired ?? DateOnly.MaxValue;
            ContextWindow = card.ContextWindow ?? long.MaxValue;
            MaxOutputTokens = card.MaxOutputTokens ?? long.MaxValue;
            _bands = bands;
            _windows = windows;
        }

        /// <summary>Gets the catalog row.</summary>
        public ModelCard Card { get; }

        /// <summary>Gets the provider's client.</summary>
        public IChatClient Client { get; }

        /// <summary>Gets the row's tier.</summary>
        public ModelTier Tier { get; }

        /// <summary>Gets the capabilities the row has that its provider's protocol also sends.</summary>
        public ModelCapabilities Capabilities { get; }

        /// <summary>Gets the Beijing date from which the row is retired; <see cref="DateOnly.MaxValue"/> when it is not.</summary>
        public DateOnly Retired { get; }

        public long ContextWindow { get; }

        public long MaxOutputTokens { get; }

        /// <summary>The first band that fits the request's tokens (<see cref="PriceBand"/>'s rule), or -1.</summary>
        public int SelectBand(long inputTokens, long outputTokens)
        {
            for (var b = 0; b < _bands.Length; b++)
            {
                if (inputTokens <= _bands[b].MaxInputTokens && outputTokens <= _bands[b].MaxOutputTokens)
                {
                    return b;
                }
            }

            return -1;
        }

        /// <summary>The estimated cost, per million tokens (the common divisor does not change the order).</summary>
        public double Cost(int band, long input, long output, bool thinking, LocalClock clock)
        {
            var prices = _bands[band];
            var outputPrice = thinking && prices.ThinkingOutput is { } thinkingPrice ? thinkingPrice : prices.Output;
            var multiplier = 1d;
            for (var w = 0; w < _windows.Length; w++)
            {
                var zone = _windows[w].ZoneIndex;
                if (_windows[w].Source.IsOpenAt(clock.MinuteOfDay[zone], clock.Day[zone]))
                {
                    multiplier = _windows[w].Multiplier;
                    break;
                }
            }

            return ((input * prices.Input) + (output * outputPrice)) * multiplier;
        }
    }
}
