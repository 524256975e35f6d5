using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.OpenAiCompatible.Wire;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Response mapping: the wire completion → <see cref="ChatResponse"/>.</summary>
internal sealed partial class OpenAiCompatibleChatClient
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

    internal static FunctionCallContent FromWireToolCall(string? id, string? name, string? arguments, string? type)
    {
        var content = FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            id ?? string.Empty,
            name ?? string.Empty,
            static json => JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as IDictionary<string, object?>);

        // Kimi's built-in `$web_search` calls have type "builtin_function" and must be echoed unchanged.
        if (type is not null && type != "function")
        {
            (content.AdditionalProperties ??= [])["type"] = type;
        }

        return content;
    }

    internal static UsageDetails FromWireUsage(OpenAiCompatibleDialect dialect, WireUsage usage) => new()
    {
        InputTokenCount = TokenCount.Sane(usage.PromptTokens),
        OutputTokenCount = TokenCount.Sane(usage.CompletionTokens),
        TotalTokenCount = TokenCount.Total(usage.TotalTokens, usage.PromptTokens, usage.CompletionTokens),
        CachedInputTokenCount = TokenCount.Sane(dialect.GetCachedInputTokens(usage)),
        ReasoningTokenCount = TokenCount.Sane(dialect.GetReasoningTokens(usage)),
    };

    internal static ChatFinishReason? FromWireFinishReason(string? reason) => reason switch
    {
        null or "null" => null,
        _ when string.IsNullOrWhiteSpace(reason) => null, // ChatFinishReason rejects blank values
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" or "sensitive" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>The request id travels in <c>AdditionalProperties["request_id"]</c> so callers can quote it to support.</summary>
    private static AdditionalPropertiesDictionary? RequestIdProperty(string? requestId) =>
        requestId is null ? null : new() { [RequestIdKey] = requestId };

    /// <summary>The key under which a response's provider request id is stored.</summary>
    internal const string RequestIdKey = "request_id";
}
