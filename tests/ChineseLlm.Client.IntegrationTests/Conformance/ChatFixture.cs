namespace ChineseLlm.Client.Conformance;

/// <summary>A successful non-streaming (or streaming) fixture and what it must map to.</summary>
/// <param name="File">The fixture file under tests/Payloads/&lt;provider&gt;/.</param>
/// <param name="ExpectedText">The answer text.</param>
/// <param name="ExpectedReasoning">The reasoning text, when the fixture has some.</param>
/// <param name="ModelId">The model the response names.</param>
/// <param name="ResponseId">The response id.</param>
/// <param name="InputTokens">usage → InputTokenCount.</param>
/// <param name="OutputTokens">usage → OutputTokenCount.</param>
/// <param name="CachedInputTokens">usage → CachedInputTokenCount.</param>
/// <param name="ReasoningTokens">usage → ReasoningTokenCount.</param>
/// <param name="FinishReason">The finish reason's wire value (<c>stop</c>, <c>length</c>, …).</param>
public sealed record ChatFixture(
    string File,
    string ExpectedText,
    string? ExpectedReasoning,
    string ModelId,
    string ResponseId,
    long InputTokens,
    long OutputTokens,
    long? CachedInputTokens,
    long? ReasoningTokens,
    string FinishReason = "stop");
