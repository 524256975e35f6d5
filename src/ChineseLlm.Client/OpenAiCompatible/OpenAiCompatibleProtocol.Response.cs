using ChineseLlm.Client.OpenAiCompatible.Wire;
using static ChineseLlm.Client.Http.WireMapping;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Response mapping: the wire completion → <see cref="ChatResponse"/>.</summary>
internal sealed partial class OpenAiCompatibleProtocol
{
    internal static ChatResponse FromWireResponse(OpenAiCompatibleDialect dialect, ChatCompletionResponse completion, string? requestId)
    {
        var choice = completion.Choices is { Count: > 0 } choices ? choices[0] : null;
        if (choice?.Message is null)
        {
            throw new ChineseLlmException(dialect.ProviderName, LlmErrorKind.Protocol, "the response had no choices.", 200, requestId: requestId);
        }

        if (choice.FinishReason is { } reason && dialect.CheckFinishReason(reason, requestId) is { } failure)
        {
            throw failure;
        }

        var wireMessage = choice.Message;
        var message = new ChatMessage(ChatRole.Assistant, [])
        {
            MessageId = completion.Id,
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

        if (!string.IsNullOrEmpty(wireMessage.Refusal))
        {
            message.Contents.Add(new TextContent(wireMessage.Refusal));
        }

        if (wireMessage.ToolCalls is { } calls)
        {
            foreach (var call in calls)
            {
                if (call is not null)
                {
                    message.Contents.Add(FromWireToolCall(call.Id, call.Function?.Name, call.Function?.Arguments, call.Type));
                }
            }
        }

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = UnixTime.FromSeconds(completion.Created),
            FinishReason = FromWireFinishReason(choice.FinishReason),
            Usage = completion.Usage is { } usage ? FromWireUsage(dialect, usage) : null,
            RawRepresentation = completion,
            AdditionalProperties = RequestIdProperty(requestId),
        };
    }

    internal static UsageDetails FromWireUsage(OpenAiCompatibleDialect dialect, WireUsage usage) => new()
    {
        InputTokenCount = TokenCount.Sane(usage.PromptTokens),
        OutputTokenCount = TokenCount.Sane(usage.CompletionTokens),
        TotalTokenCount = TokenCount.Total(usage.TotalTokens, usage.PromptTokens, usage.CompletionTokens),
        CachedInputTokenCount = TokenCount.Sane(dialect.GetCachedInputTokens(usage)),
        ReasoningTokenCount = TokenCount.Sane(dialect.GetReasoningTokens(usage)),
    };
}
