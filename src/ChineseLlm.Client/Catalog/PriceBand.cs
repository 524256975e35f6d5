namespace ChineseLlm.Client;

/// <summary>
/// The prices of a model for requests whose input token count falls into one band (CNY per million tokens).
/// </summary>
/// <remarks>
/// <para>Some vendors (Qwen, Doubao) price by the length of the request's input: the band is chosen by the request's
/// total input token count (cached tokens included), and <em>all</em> input, cached-input and output tokens of that
/// request are billed at that band's prices. The first band whose <see cref="MaxInputTokens"/> is at least the input
/// token count, and whose <see cref="MaxOutputTokens"/> (when set) is at least the output token count, applies; a
/// request longer than the last band is rejected by the vendor.</para>
/// <para>Some vendors also price by the length of the <em>output</em> (Zhipu GLM-4.7: input up to 32K and output under
/// 200 tokens is cheaper; Volcengine Ark's short-output price): such a band sets <see cref="MaxOutputTokens"/>, and is
/// followed by a band with the same <see cref="MaxInputTokens"/> for longer outputs. A cost estimate picks the band
/// with the expected output; the cost of a finished call picks it with the output the vendor reported.</para>
/// <para>Bands are listed in ascending order of <see cref="MaxInputTokens"/>, and bands with the same
/// <see cref="MaxInputTokens"/> in ascending order of <see cref="MaxOutputTokens"/>, the last of them without one.
/// Instances held by the model catalog are frozen: setting a property then throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public sealed class PriceBand
{

    /// <summary>Gets or sets the largest input token count (inclusive) this band applies to.</summary>
    /// <value>Must be greater than zero and greater than the previous band's value.</value>
    public int MaxInputTokens { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the largest output token count (inclusive, reasoning included) this band applies to.</summary>
    /// <value><see langword="null"/> (the default) for any output length. When set, must be greater than zero, and a later band with the same <see cref="MaxInputTokens"/> must cover longer outputs.</value>
    public int? MaxOutputTokens { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of uncached input tokens, in CNY per million tokens.</summary>
    public decimal? InputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of input tokens read from the vendor's cache, in CNY per million tokens.</summary>
    /// <value><see langword="null"/> when the vendor publishes no cache price; cache hits are then billed at <see cref="InputPerMillion"/>.</value>
    public decimal? CachedInputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of output tokens (reasoning tokens included), in CNY per million tokens.</summary>
    public decimal? OutputPerMillion { get; set => field = Unfrozen(value); }

    /// <summary>Gets or sets the price of all output tokens of a request made in thinking mode, in CNY per million tokens.</summary>
    /// <value><see langword="null"/> when thinking-mode output costs the same as <see cref="OutputPerMillion"/>.</value>
    public decimal? ThinkingOutputPerMillion { get; set => field = Unfrozen(value); }

    internal bool IsFrozen { get; private set; }

    /// <summary>Returns whether a request of <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out is priced by this band.</summary>
    internal bool Fits(long inputTokens, long outputTokens)
        => inputTokens <= MaxInputTokens && (MaxOutputTokens is not { } maxOutput || outputTokens <= maxOutput);

    /// <summary>Returns an unfrozen copy (every property is a value).</summary>
    internal PriceBand Clone()
    {
        var copy = (PriceBand)MemberwiseClone();
        copy.IsFrozen = false;
        return copy;
    }

    internal void Freeze() => IsFrozen = true;

    private T Unfrozen<T>(T value) => IsFrozen ? throw new InvalidOperationException("This price band belongs to a model catalog snapshot and cannot be changed.") : value;
}
