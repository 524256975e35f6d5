using ChineseLlm.Client.Providers.Qwen.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Response mapping: the native generation response → <see cref="ChatResponse"/>.</summary>
internal sealed partial class QwenNativeProtocol
{
    /// <summary>The key under which a response's provider request id is stored (as the engine does).</summary>
    private const string RequestIdKey = WireMapping.RequestIdKey;

    internal static ChatResponse FromQwenResponse(QwenGenerationResponse response, string model, string? headerRequestId)
    {
        var requestId = response.RequestId ?? headerRequestId;
        var output = response.Output
            ?? throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response had no output.", 200, requestId: requestId);

        var message = new ChatMessage(ChatRole.Assistant, []) { MessageId = requestId };
        string? finishReason;
        if (output.Choices is { Count: > 0 } choices && choices[0]?.Message is { } wire)
        {
            message.RawRepresentation = wire;
            if (!string.IsNullOrEmpty(wire.ReasoningContent))
            {
                message.Contents.Add(new TextReasoningContent(wire.ReasoningContent));
            }

            if (wire.Content?.GetText() is { Length: > 0 } text)
            {
                message.Contents.Add(new TextContent(text));
            }

            if (wire.ToolCalls is { } calls)
            {
                foreach (var call in calls.Where(c => c is not null))
                {
                    message.Contents.Add(WireMapping.FromWireToolCall(call.Id, call.Function?.Name, call.Function?.Arguments, call.Type));
                }
            }

            finishReason = choices[0]!.FinishReason;
        }
        else if (output.Text is not null)
        {
            // Quirk (docs/protocols/qwen.md): result_format "text" (a proxy or an old model ignored "message") has no choices.
            if (output.Text.Length > 0)
            {
                message.Contents.Add(new TextContent(output.Text));
            }

            finishReason = output.FinishReason;
        }
        else
        {
            throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response had no choices.", 200, requestId: requestId);
        }

        return new ChatResponse(message)
        {
            ResponseId = requestId,
            ModelId = model,
            FinishReason = FromQwenFinishReason(finishReason, message.Contents.OfType<FunctionCallContent>().Any()),
            Usage = response.Usage is { } usage ? FromQwenUsage(usage) : null,
            RawRepresentation = response,
            AdditionalProperties = requestId is null ? null : new() { [RequestIdKey] = requestId },
        };
    }

    internal static UsageDetails FromQwenUsage(QwenUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = TokenCount.Sane(usage.InputTokens),
            OutputTokenCount = TokenCount.Sane(usage.OutputTokens),
            TotalTokenCount = TokenCount.Total(usage.TotalTokens, usage.InputTokens, usage.OutputTokens),
            CachedInputTokenCount = TokenCount.Sane(usage.PromptTokensDetails?.CachedTokens ?? usage.CachedTokens),
            ReasoningTokenCount = TokenCount.Sane(usage.OutputTokensDetails?.ReasoningTokens),
        };

        if (usage.ImageTokens is { } images)
        {
            details.AdditionalCounts = new() { ["image_tokens"] = images };
        }

        return details;
    }

    /// <summary>
    /// Quirk (docs/protocols/qwen.md, fixture native-tool-call.json): a 2024 capture says <c>"stop"</c> although the message holds tool
    /// calls; the calls decide.
    /// </summary>
    internal static ChatFinishReason? FromQwenFinishReason(string? reason, bool hasToolCalls) =>
        hasToolCalls && reason is not (null or "" or "null" or "length")
            ? ChatFinishReason.ToolCalls
            : WireMapping.FromWireFinishReason(reason);
}
