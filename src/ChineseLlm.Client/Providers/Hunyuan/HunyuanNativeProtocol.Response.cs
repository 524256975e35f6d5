using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Response mapping: the native answer → <see cref="ChatResponse"/>.</summary>
internal sealed partial class HunyuanNativeProtocol
{
    /// <summary>Maps a successful non-stream answer. The native answer names no model, so the requested one is reported.</summary>
    internal static ChatResponse FromHunyuanResponse(HunyuanChatCompletionsResponse answer, string model, string? headerRequestId)
    {
        var requestId = answer.RequestId ?? headerRequestId;
        var choice = answer.Choices is { Count: > 0 } choices ? choices[0] : null;
        if (choice?.Message is not { } wireMessage)
        {
            throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response had no choices.", 200, requestId: requestId);
        }

        var responseId = answer.Id ?? requestId;
        var message = new ChatMessage(ChatRole.Assistant, [])
        {
            MessageId = responseId,
            RawRepresentation = wireMessage,
        };

        if (!string.IsNullOrEmpty(wireMessage.ReasoningContent))
        {
            message.Contents.Add(new TextReasoningContent(wireMessage.ReasoningContent));
        }

        if (!string.IsNullOrEmpty(wireMessage.Content))
        {
            message.Contents.Add(new TextContent(wireMessage.Content));
        }

        if (wireMessage.ToolCalls is { } calls)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                message.Contents.Add(WireMapping.FromWireToolCall(
                    CallIdOrSynthesized(call.Id, call.Index ?? i), call.Function?.Name, call.Function?.Arguments, type: null));
            }
        }

        return new ChatResponse(message)
        {
            ResponseId = responseId,
            ModelId = model,
            CreatedAt = UnixTime.FromSeconds(answer.Created),
            FinishReason = WireMapping.FromWireFinishReason(choice.FinishReason),
            Usage = answer.Usage is { } usage ? FromHunyuanUsage(usage) : null,
            RawRepresentation = answer,
            AdditionalProperties = RequestIdProperty(requestId),
        };
    }

    internal static UsageDetails FromHunyuanUsage(HunyuanUsage usage) => new()
    {
        InputTokenCount = TokenCount.Sane(usage.PromptTokens),
        OutputTokenCount = TokenCount.Sane(usage.CompletionTokens),
        TotalTokenCount = TokenCount.Total(usage.TotalTokens, usage.PromptTokens, usage.CompletionTokens),
        CachedInputTokenCount = TokenCount.Sane(usage.PromptTokensDetails?.CachedTokens),
    };

    /// <summary>
    /// Quirk (tccli ChatCompletions example "hunyuan-functioncall模型非流式请求成功示例"): a documented tool call has no
    /// <c>Id</c>. A stable id is made up from its position so the tool result can refer to it.
    /// </summary>
    private static string CallIdOrSynthesized(string? id, int index) =>
        string.IsNullOrEmpty(id) ? string.Create(CultureInfo.InvariantCulture, $"call_{index}") : id;

    private static AdditionalPropertiesDictionary? RequestIdProperty(string? requestId) =>
        requestId is null ? null : new() { [WireMapping.RequestIdKey] = requestId };
}
