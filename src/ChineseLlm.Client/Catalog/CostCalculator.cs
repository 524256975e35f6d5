namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Prices chat calls in CNY from a model card: a finished call from its reported usage, or a planned call from token
/// estimates. Amounts are <see cref="decimal"/> at full precision (no rounding).
/// </summary>
/// <remarks>
/// <para>Rules (docs/catalog.md, "A row"):</para>
/// <list type="bullet">
/// <item><description>Uncached input = <see cref="UsageDetails.InputTokenCount"/> − <see cref="UsageDetails.CachedInputTokenCount"/>, at the
/// input price; cache hits at the cached-input price, or at the input price when the model has none (conservative).</description></item>
/// <item><description>Output = <see cref="UsageDetails.OutputTokenCount"/>, which includes reasoning tokens: M.E.AI defines
/// <see cref="UsageDetails.ReasoningTokenCount"/> as part of the output count, and every vendor here reports it so
/// (DeepSeek and Doubao <c>completion_tokens</c> include <c>completion_tokens_details.reasoning_tokens</c>; Qwen's
/// <c>output_tokens</c> includes <c>output_tokens_details.reasoning_tokens</c>; Kimi and ERNIE fold reasoning into
/// <c>completion_tokens</c>). Should an adapter report them apart — the total equals input + output + reasoning —
/// the reasoning tokens are added; the billed output is never less than the reasoning count.</description></item>
/// <item><description>The band is chosen once, by the request's whole input token count (cached included), and prices every
/// token of the request. Where a vendor also prices by output length (a band's <see cref="PriceBand.MaxOutputTokens"/>),
/// an estimate picks the band with the expected output and a finished call with the output it reported, as the vendor
/// bills. A finished call longer than the last band is billed at the last band.</description></item>
/// <item><description>A model with a thinking-mode output price (Qwen hybrid models) bills all output at that price when the
/// call reported reasoning tokens, that is when thinking was on.</description></item>
/// <item><description>The first time window open at the call's start time multiplies all prices.</description></item>
/// </list>
/// </remarks>
internal static class CostCalculator
{
    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>Prices a finished call from the usage it reported.</summary>
    /// <param name="card">The model that answered.</param>
    /// <param name="usage">The usage reported by the provider.</param>
    /// <param name="startedAt">When the call started; picks the time window.</param>
    /// <returns>The cost in CNY, or <see langword="null"/> when the model's prices are unknown.</returns>
    public static decimal? Calculate(ModelCard card, UsageDetails usage, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(usage);

        var input = Math.Max(0, usage.InputTokenCount ?? 0);
        var cached = Math.Max(0, usage.CachedInputTokenCount ?? 0);
        var output = Math.Max(0, usage.OutputTokenCount ?? 0);
        var reasoning = Math.Max(0, usage.ReasoningTokenCount ?? 0);

        if (reasoning > 0 && usage.TotalTokenCount is { } total && total == input + output + reasoning)
        {
            output += reasoning;
        }

        output = Math.Max(output, reasoning);

        var prices = SelectPrices(card, input, output, clampToLastBand: true);
        if (prices is null)
        {
            return null;
        }

        return Price(prices.Value, input, cached, output, thinking: reasoning > 0, Multiplier(card, startedAt));
    }

    /// <summary>Estimates the cost of a call before it is sent.</summary>
    /// <param name="card">The candidate model.</param>
    /// <param name="inputTokens">The estimated input token count (messages, instructions, tools); picks the band.</param>
    /// <param name="outputTokens">The expected output token count, reasoning included.</param>
    /// <param name="at">When the call would start; picks the time window.</param>
    /// <param name="cachedInputTokens">How many of <paramref name="inputTokens"/> are expected to be cache hits.</param>
    /// <param name="thinking">Whether the call will run in thinking mode (uses the thinking-mode output price where one exists).</param>
    /// <returns>The estimated cost in CNY, or <see langword="null"/> when the model's prices are unknown or the input is longer than its last price band (the vendor would reject it).</returns>
    public static decimal? Estimate(ModelCard card, long inputTokens, long outputTokens, DateTimeOffset at, long cachedInputTokens = 0, bool thinking = false)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedInputTokens);

        var prices = SelectPrices(card, inputTokens, outputTokens, clampToLastBand: false);
        if (prices is null)
        {
            return null;
        }

        return Price(prices.Value, inputTokens, Math.Min(cachedInputTokens, inputTokens), outputTokens, thinking, Multiplier(card, at));
    }

    /// <summary>Returns the factor of the first time window open at <paramref name="at"/>, or 1 when none is.</summary>
    public static decimal Multiplier(ModelCard card, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(card);
        // Indexed loops: this runs for every candidate of every routed call, and an IList enumerator is an allocation.
        var windows = card.TimeWindows;
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].IsOpenAt(at))
            {
                return windows[i].Multiplier ?? 1m;
            }
        }

        return 1m;
    }

    /// <summary>Returns the band that prices a request of <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out, or <see langword="null"/> when the model has no bands or the input is longer than the last band.</summary>
    public static PriceBand? SelectBand(ModelCard card, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(card);
        var bands = card.Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Fits(inputTokens, outputTokens))
            {
                return bands[i];
            }
        }

        return null;
    }

    private static Prices? SelectPrices(ModelCard card, long inputTokens, long outputTokens, bool clampToLastBand)
    {
        if (card.Bands.Count == 0)
        {
            return Prices.From(card.InputPerMillion, card.CachedInputPerMillion, card.OutputPerMillion, card.ThinkingOutputPerMillion);
        }

        var band = SelectBand(card, inputTokens, outputTokens) ?? (clampToLastBand ? card.Bands[^1] : null);
        return band is null
            ? null
            : Prices.From(band.InputPerMillion, band.CachedInputPerMillion, band.OutputPerMillion, band.ThinkingOutputPerMillion);
    }

    private static decimal Price(Prices prices, long input, long cached, long output, bool thinking, decimal multiplier)
    {
        var uncached = Math.Max(0, input - cached);
        var outputPrice = thinking && prices.ThinkingOutput is { } thinkingPrice ? thinkingPrice : prices.Output;
        var perMillion = (uncached * prices.Input) + (cached * prices.CachedInput) + (output * outputPrice);
        return perMillion * multiplier / TokensPerMillion;
    }

    private readonly record struct Prices(decimal Input, decimal CachedInput, decimal Output, decimal? ThinkingOutput)
    {
        public static Prices? From(decimal? input, decimal? cached, decimal? output, decimal? thinking)
            => input is { } i && output is { } o ? new Prices(i, cached ?? i, o, thinking) : null;
    }
}
