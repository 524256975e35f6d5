namespace ChineseLlm.Client;

/// <summary>
/// A recurring time of day during which all of a model's prices are multiplied, such as DeepSeek's peak hours.
/// </summary>
/// <remarks>
/// <para>The window is open from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), local time in
/// <see cref="TimeZone"/>, on the listed <see cref="Days"/>. When <see cref="End"/> is not after <see cref="Start"/>
/// the window runs past midnight and belongs to the day on which it starts. A call is priced by the window open at
/// the call's start time. Public holidays are not modelled: a vendor that exempts holidays is over-estimated on those days.</para>
/// <para>Instances held by the model catalog are frozen: setting a property then throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public sealed class PriceTimeWindow
{
    /// <summary>The time zone used when <see cref="TimeZone"/> is not set.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    private DayOfWeek[] _resolvedDays = [];

    // A field, not a property: the configuration binder (source-generated, so it sees internal members) must not try to bind a TimeZoneInfo.
    private TimeZoneInfo? _resolvedTimeZone;

    /// <summary>Gets or sets the days of the week on which the window opens, by <see cref="DayOfWeek"/> name (<c>Monday</c> … <c>Sunday</c>, any case).</summary>
    /// <value>An empty list means every day. An unknown name is a validation error.</value>
    public IList<string> Days { get; set => field = Unfrozen(value ?? new List<string>()); } = new List<string>();

    /// <summary>Gets or sets the local time the window opens, as <c>HH:mm</c> (for example <c>09:00</c>).</summary>
    public string? Start { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the local time the window closes (exclusive), as <c>HH:mm</c>; <c>24:00</c> means midnight.</summary>
    public string? End { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the IANA time zone of <see cref="Start"/> and <see cref="End"/>.</summary>
    /// <value>The default value is <c>Asia/Shanghai</c> (Beijing time).</value>
    public string? TimeZone { get; set => field = Unfrozen(value); } = DefaultTimeZone;

    /// <summary>Gets or sets the factor applied to all of the model's prices while the window is open (for example <c>2</c>).</summary>
    /// <value>Must be greater than zero.</value>
    public decimal? Multiplier { get; set => field = Unfrozen(value); }

    internal bool IsFrozen { get; private set; }

    internal int StartMinute { get; private set; }

    internal int EndMinute { get; private set; }

    /// <summary>Parses <c>HH:mm</c> (00:00 to 24:00) into minutes after midnight.</summary>
    /// <summary>Parses a <see cref="DayOfWeek"/> name; numbers and abbreviations are not accepted.</summary>
    internal static bool TryParseDay(string? name, out DayOfWeek day)
    {
        day = default;
        return !string.IsNullOrWhiteSpace(name)
            && name.AsSpan().IndexOfAnyInRange('0', '9') < 0
            && !name.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(name, ignoreCase: true, out day);
    }

    internal static bool TryParseTimeOfDay(string? text, out int minuteOfDay)
    {
        minuteOfDay = 0;
        if (text is null || text.Length != 5 || text[2] != ':')
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59
            || hours > 24
            || (hours == 24 && minutes != 0))
        {
            return false;
        }

        minuteOfDay = (hours * 60) + minutes;
        return true;
    }

    /// <summary>Returns whether the window is open at <paramref name="instant"/>. Only valid on a frozen (validated) window.</summary>
    internal bool IsOpenAt(DateTimeOffset instant)
    {
        var local = System.TimeZoneInfo.ConvertTime(instant, _resolvedTimeZone!);
        return IsOpenAt((local.Hour * 60) + local.Minute, local.DayOfWeek);
    }

    /// <summary>Gets the window's resolved time zone. Only valid on a frozen (validated) window.</summary>
    internal TimeZoneInfo GetResolvedTimeZone() => _resolvedTimeZone!;

    /// <summary>
    /// Returns whether the window is open at a local time of its <see cref="GetResolvedTimeZone"/>, given as the minute
    /// of the day and the day of the week (so callers checking many windows convert the time once per zone).
    /// </summary>
    internal bool IsOpenAt(int minuteOfDay, DayOfWeek day)
    {
        if (StartMinute < EndMinute)
        {
            return minuteOfDay >= StartMinute && minuteOfDay < EndMinute && OpensOn(day);
        }

        // The window runs past midnight: its evening part belongs to today, its morning part to yesterday.
        if (minuteOfDay >= StartMinute)
        {
            return OpensOn(day);
        }

        return minuteOfDay < EndMinute && OpensOn(day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1);
    }

    internal PriceTimeWindow Clone() => new()
    {
        Days = new List<string>(Days),
        Start = Start,
        End = End,
        TimeZone = TimeZone,
        Multiplier = Multiplier,
    };

    /// <summary>Resolves the time zone and times, then makes the window read-only. Call only after validation.</summary>
    internal void Freeze()
    {
        _ = TryParseTimeOfDay(Start, out var start);
        _ = TryParseTimeOfDay(End, out var end);
        StartMinute = start;
        EndMinute = end;
        _resolvedTimeZone = System.TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(TimeZone) ? DefaultTimeZone : TimeZone);
        _resolvedDays = Days.Select(d => TryParseDay(d, out var day) ? day : (DayOfWeek?)null).OfType<DayOfWeek>().ToArray();
        Days = new System.Collections.ObjectModel.ReadOnlyCollection<string>(new List<string>(Days));
        IsFrozen = true;
    }

    private bool OpensOn(DayOfWeek day) => _resolvedDays.Length == 0 || Array.IndexOf(_resolvedDays, day) >= 0;

    private T Unfrozen<T>(T value) => IsFrozen ? throw new InvalidOperationException("This time window belongs to a model catalog snapshot and cannot be changed.") : value;
}
