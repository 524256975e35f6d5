namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Checks one model card and reports each problem as a sentence that starts with the configuration key at fault,
/// for example <c>ChineseLlm:Models:2:InputPerMillion must be &gt;= 0</c>.
/// </summary>
internal static class ModelCardValidator
{
    /// <summary>Appends to <paramref name="errors"/> every problem of <paramref name="card"/>, whose key is <paramref name="key"/>.</summary>
    public static void Validate(ModelCard card, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(card.Provider))
        {
            errors.Add($"{key}:Provider is required");
        }

        if (string.IsNullOrWhiteSpace(card.Id))
        {
            errors.Add($"{key}:Id is required");
        }

        if (card.Tier is null)
        {
            errors.Add($"{key}:Tier is required for a model that is not in the embedded catalog (Lite, Standard, Advanced or Flagship)");
        }
        else if (!Enum.IsDefined(card.Tier.Value))
        {
            errors.Add($"{key}:Tier must be Lite, Standard, Advanced or Flagship");
        }

        RequirePositive(card.ContextWindow, $"{key}:ContextWindow", errors);
        RequirePositive(card.MaxOutputTokens, $"{key}:MaxOutputTokens", errors);

        for (var i = 0; i < card.Capabilities.Count; i++)
        {
            if (!ModelCard.TryParseCapability(card.Capabilities[i], out _))
            {
                errors.Add($"{key}:Capabilities:{i} '{card.Capabilities[i]}' is not a capability (Tools, Vision, Reasoning, Json)");
            }
        }

        if (card.Quality is { } quality)
        {
            if (string.IsNullOrWhiteSpace(quality.Index))
            {
                errors.Add($"{key}:Quality:Index is required when Quality is set (for example AA-Intelligence-v4.1)");
            }

            if (quality.Score is null)
            {
                errors.Add($"{key}:Quality:Score is required when Quality is set");
            }
            else if (quality.Score < 0)
            {
                errors.Add($"{key}:Quality:Score must be >= 0");
            }

            if (quality.AsOf is null)
            {
                errors.Add($"{key}:Quality:AsOf is required when Quality is set (the index snapshot's date, yyyy-MM-dd)");
            }
        }

        if (card.ReplacedBy is not null && card.Retired is null)
        {
            errors.Add($"{key}:ReplacedBy is set but Retired is not (set the day the vendor stops serving the model)");
        }

        ValidatePrices(card.InputPerMillion, card.CachedInputPerMillion, card.OutputPerMillion, card.ThinkingOutputPerMillion, key, errors);

        if (card.Bands.Count > 0)
        {
            ValidateBands(card, key, errors);
        }

        for (var i = 0; i < card.TimeWindows.Count; i++)
        {
            ValidateWindow(card.TimeWindows[i], $"{key}:TimeWindows:{i}", errors);
        }
    }

    private static void ValidatePrices(decimal? input, decimal? cached, decimal? output, decimal? thinking, string key, List<string> errors)
    {
        RequireNonNegative(input, $"{key}:InputPerMillion", errors);
        RequireNonNegative(cached, $"{key}:CachedInputPerMillion", errors);
        RequireNonNegative(output, $"{key}:OutputPerMillion", errors);
        RequireNonNegative(thinking, $"{key}:ThinkingOutputPerMillion", errors);

        // Half a price is a mistake, not an unknown price: unknown means both input and output are left out.
        var anyPrice = input is not null || cached is not null || output is not null || thinking is not null;
        if (anyPrice && input is null)
        {
            errors.Add($"{key}:InputPerMillion is required when another price of the same entry is set (leave all prices out when they are unknown)");
        }

        if (anyPrice && output is null)
        {
            errors.Add($"{key}:OutputPerMillion is required when another price of the same entry is set (leave all prices out when they are unknown)");
        }
    }

    private static void ValidateBands(ModelCard card, string key, List<string> errors)
    {
        PriceBand? previous = null;
        for (var i = 0; i < card.Bands.Count; i++)
        {
            var bandKey = $"{key}:Bands:{i}";
            var band = card.Bands[i];
            if (band is null)
            {
                errors.Add($"{bandKey} is empty");
                continue;
            }

            if (band.MaxInputTokens <= 0)
            {
                errors.Add($"{bandKey}:MaxInputTokens must be > 0");
            }
            else if (previous is not null && band.MaxInputTokens < previous.MaxInputTokens)
            {
                errors.Add($"{bandKey}:MaxInputTokens must not be less than {key}:Bands:{i - 1}:MaxInputTokens ({Format(previous.MaxInputTokens)}): bands must be in ascending order");
            }
            else if (previous is not null && band.MaxInputTokens == previous.MaxInputTokens)
            {
                // Same input range: the previous band must end at an output length, and this one must cover longer outputs.
                if (previous.MaxOutputTokens is not { } previousOutput)
                {
                    errors.Add($"{bandKey} overlaps {key}:Bands:{i - 1}: bands with the same MaxInputTokens ({Format(band.MaxInputTokens)}) must set MaxOutputTokens on all but the last");
                }
                else if (band.MaxOutputTokens is { } output && output <= previousOutput)
                {
                    errors.Add($"{bandKey}:MaxOutputTokens must be greater than {key}:Bands:{i - 1}:MaxOutputTokens ({Format(previousOutput)}): bands must be in ascending order");
                }
            }

            if (band.MaxOutputTokens is <= 0)
            {
                errors.Add($"{bandKey}:MaxOutputTokens must be > 0 when set");
            }

            var next = i + 1 < card.Bands.Count ? card.Bands[i + 1] : null;
            if (band.MaxOutputTokens is not null && (next is null || next.MaxInputTokens != band.MaxInputTokens))
            {
                errors.Add($"{bandKey}:MaxOutputTokens leaves longer outputs unpriced: add a band with the same MaxInputTokens ({Format(band.MaxInputTokens)}) and no MaxOutputTokens after it");
            }

            previous = band;
            ValidatePrices(band.InputPerMillion, band.CachedInputPerMillion, band.OutputPerMillion, band.ThinkingOutputPerMillion, bandKey, errors);
        }

        var first = card.Bands[0];
        if (first is null)
        {
            return;
        }

        RequireSameAsFirstBand(card.InputPerMillion, first.InputPerMillion, key, "InputPerMillion", errors);
        RequireSameAsFirstBand(card.CachedInputPerMillion, first.CachedInputPerMillion, key, "CachedInputPerMillion", errors);
        RequireSameAsFirstBand(card.OutputPerMillion, first.OutputPerMillion, key, "OutputPerMillion", errors);
        RequireSameAsFirstBand(card.ThinkingOutputPerMillion, first.ThinkingOutputPerMillion, key, "ThinkingOutputPerMillion", errors);
    }

    private static void RequireSameAsFirstBand(decimal? topLevel, decimal? firstBand, string key, string name, List<string> errors)
    {
        if (topLevel is not null && topLevel != firstBand)
        {
            errors.Add($"{key}:{name} ({Format(topLevel)}) must equal {key}:Bands:0:{name} ({Format(firstBand)}) when Bands are set, or be left out");
        }
    }

    private static void ValidateWindow(PriceTimeWindow? window, string key, List<string> errors)
    {
        if (window is null)
        {
            errors.Add($"{key} is empty");
            return;
        }

        for (var i = 0; i < window.Days.Count; i++)
        {
            if (!PriceTimeWindow.TryParseDay(window.Days[i], out _))
            {
                errors.Add($"{key}:Days:{i} '{window.Days[i]}' is not a day name (Monday to Sunday)");
            }
        }

        var startOk = PriceTimeWindow.TryParseTimeOfDay(window.Start, out var start);
        if (!startOk || start == 24 * 60)
        {
            errors.Add($"{key}:Start must be a time of day as HH:mm (00:00 to 23:59), not '{window.Start}'");
        }

        var endOk = PriceTimeWindow.TryParseTimeOfDay(window.End, out var end);
        if (!endOk)
        {
            errors.Add($"{key}:End must be a time of day as HH:mm (00:00 to 24:00), not '{window.End}'");
        }

        if (startOk && endOk && start == end)
        {
            errors.Add($"{key}:End must differ from {key}:Start");
        }

        if (window.Multiplier is null)
        {
            errors.Add($"{key}:Multiplier is required");
        }
        else if (window.Multiplier <= 0)
        {
            errors.Add($"{key}:Multiplier must be > 0");
        }

        var timeZone = string.IsNullOrWhiteSpace(window.TimeZone) ? PriceTimeWindow.DefaultTimeZone : window.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add($"{key}:TimeZone '{timeZone}' is not a known IANA time zone");
        }
    }

    private static void RequireNonNegative(decimal? value, string key, List<string> errors)
    {
        if (value < 0)
        {
            errors.Add($"{key} must be >= 0");
        }
    }

    private static void RequirePositive(int? value, string key, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{key} must be > 0");
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not set";
}
