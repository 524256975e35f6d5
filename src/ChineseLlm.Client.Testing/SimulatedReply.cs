namespace ChineseLlm.Client.Testing;

/// <summary>
/// What a simulated provider answers: the text, optional reasoning and tool calls, the usage numbers and the timing.
/// </summary>
/// <remarks>
/// <para>The simulator turns one reply into each provider's own wire shape: a JSON body, or an SSE stream split into
/// deltas of <see cref="StreamChunkLength"/> text elements, with usage where that provider puts it.</para>
/// <para>Token counts left <see langword="null"/> are estimated from the text (about two characters per token), so
/// every response carries plausible, deterministic usage.</para>
/// </remarks>
public sealed class SimulatedReply
{
    /// <summary>The reply used when nothing else was scripted.</summary>
    internal const string DefaultText = "你好！这是模拟器的回答。";

    /// <summary>Gets the answer text.</summary>
    /// <value>The default value is a short Chinese greeting.</value>
    public string Text { get; init; } = DefaultText;

    /// <summary>Gets the reasoning (chain of thought) the provider returns before the answer, or <see langword="null"/> for none.</summary>
    /// <remarks>Sent as <c>reasoning_content</c> (<c>ReasoningContent</c> on Hunyuan native); ERNIE v1 has no reasoning field and drops it.</remarks>
    public string? Reasoning { get; init; }

    /// <summary>Gets the tool calls the provider asks for. When not empty, the finish reason is the provider's tool-call value.</summary>
    /// <remarks>ERNIE v1 can express one function call per reply; it sends the first.</remarks>
    public IReadOnlyList<SimulatedToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the provider's own finish reason to send, such as <c>length</c>, or <see langword="null"/> for the provider's normal value.</summary>
    /// <value>The default value is <see langword="null"/>: <c>stop</c> (ERNIE v1 <c>normal</c>), or the tool-call value when there are tool calls.</value>
    public string? FinishReason { get; init; }

    /// <summary>Gets the model id the response names, or <see langword="null"/> to echo the requested model.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the input (prompt) token count to report, or <see langword="null"/> to estimate it from the request.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Gets the output (completion) token count to report, reasoning included, or <see langword="null"/> to estimate it.</summary>
    public int? OutputTokens { get; init; }

    /// <summary>Gets how many of the input tokens were served from the provider's context cache.</summary>
    /// <value>The default value is 0. Sent where each provider reports it: <c>prompt_cache_hit_tokens</c> and
    /// <c>prompt_tokens_details.cached_tokens</c> (DeepSeek), <c>usage.cached_tokens</c> (Kimi), and so on.</value>
    public int CachedInputTokens { get; init; }

    /// <summary>Gets the reasoning token count to report, or <see langword="null"/> to estimate it from <see cref="Reasoning"/>.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets how long the provider takes before it sends the response headers.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>. Measured with the simulator's <see cref="TimeProvider"/>.</value>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets the pause between two stream events.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>. Measured with the simulator's <see cref="TimeProvider"/>.</value>
    public TimeSpan EventInterval { get; init; }

    /// <summary>Gets how many text elements each stream delta carries.</summary>
    /// <value>The default value is 4.</value>
    public int StreamChunkLength { get; init; } = 4;

    /// <summary>Gets how many keep-alives DeepSeek sends before it answers, or <see langword="null"/> for the default.</summary>
    /// <value>The default value is <see langword="null"/>: one <c>: keep-alive</c> comment before a stream, no blank lines before a
    /// JSON body. DeepSeek sends SSE comments to streams and blank lines to non-stream requests while a request is queued.
    /// Other providers ignore this.</value>
    public int? KeepAlives { get; init; }

    /// <summary>Creates a reply with the given text.</summary>
    /// <param name="text">The answer text.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static SimulatedReply FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SimulatedReply { Text = text };
    }

    /// <summary>Creates a reply that asks for one tool call.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments as JSON object text.</param>
    /// <returns>A new reply with empty text and one tool call.</returns>
    public static SimulatedReply FromToolCall(string name, string arguments = "{}") =>
        new() { Text = string.Empty, ToolCalls = [new SimulatedToolCall(name, arguments)] };

    /// <inheritdoc />
    public override string ToString() =>
        ToolCalls.Count > 0 ? $"tool calls: {string.Join(", ", ToolCalls)}" : $"\"{Text}\"";
}
