using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>DashScope's OpenAI-compatible mode (facts: docs/protocols/qwen.md). One instance per region (default endpoint).</summary>
internal sealed class QwenCompatibleDialect(Uri endpoint) : OpenAiCompatibleDialect(
    "qwen", endpoint, QwenChatClient.DefaultModelId,
    requestIdHeaders: ["x-request-id"],
    // The documented extra top-level fields (OpenAI SDK `extra_body`) and the optional OpenAI ones.
    passThroughFields:
    [
        "enable_thinking", "thinking_budget", "enable_search", "search_options", "top_k", "enable_code_interpreter",
        "vl_high_resolution_images", "max_input_tokens", "repetition_penalty", "n", "logprobs", "top_logprobs",
        "parallel_tool_calls", "translation_options", "modalities", "audio",
    ],
    messagePassThroughFields: ["partial"])
{
    private static readonly QwenCompatibleDialect[] ByRegion =
    [
        new(QwenEndpoints.Compatible(QwenRegion.Beijing)), new(QwenEndpoints.Compatible(QwenRegion.Singapore)),
        new(QwenEndpoints.Compatible(QwenRegion.Virginia)), new(QwenEndpoints.Compatible(QwenRegion.HongKong)),
    ];

    public static QwenCompatibleDialect Beijing => ByRegion[0];

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    public static QwenCompatibleDialect For(QwenRegion region) =>
        (int)region >= 0 && (int)region < ByRegion.Length ? ByRegion[(int)region] : ByRegion[0];

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // Reasoning → the boolean enable_thinking switch of hybrid-thinking models.
        if (options?.Reasoning?.Effort is { } effort)
        {
            request.EnableThinking = effort != ReasoningEffort.None;
        }

        if (options?.AllowMultipleToolCalls is { } parallel && request.Tools is not null)
        {
            request.ParallelToolCalls = parallel;
        }

        // Quirk (docs/protocols/qwen.md): tool_choice "required" is rejected (only "none", "auto" or a named function). Force the only
        // tool by name; with several tools "auto" is the closest the API allows.
        if (ReferenceEquals(request.ToolChoice, WireToolChoice.Required))
        {
            request.ToolChoice = request.Tools is { Count: 1 } tools ? WireToolChoice.Function(tools[0].Function.Name) : WireToolChoice.Auto;
        }
    }

    /// <summary>
    /// Quirk (docs/protocols/qwen.md): a compatible stream can also fail with a native <c>event:error</c> frame, whose flat
    /// <c>{"code","message","request_id"}</c> body has no <c>choices</c>. (The OpenAI-shaped <c>{"error":{…}}</c> chunk is
    /// mapped by the engine through <see cref="Classify"/>.)
    /// </summary>
    public override ChineseLlmException? InspectChunk(ChatCompletionChunk chunk, OpenAiCompatibleProtocol.StreamState state)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(state);
        if (chunk.Error is not null || chunk.Choices is not null || chunk.ExtraFields is not { } extra ||
            !extra.TryGetValue("code", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return QwenErrorMapper.Instance.MapStreamError(
            code.GetString(),
            extra.TryGetValue("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
            extra.TryGetValue("request_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : state.RequestId);
    }

    /// <summary>Quirk (docs/protocols/qwen.md): some gateway rejections on /compatible-mode answer in the flat native shape.</summary>
    protected override WireError? ReadError(ErrorEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Error is not null || envelope.ExtraFields is not { } extra ||
            !extra.TryGetValue("code", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return envelope.Error;
        }

        return new WireError
        {
            Code = code,
            Message = extra.TryGetValue("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
        };
    }

    protected override LlmErrorKind Classify(int? statusCode, WireError error) =>
        QwenErrorMapper.Classify(statusCode, error.CodeText, error.Type, error.Message);
}
