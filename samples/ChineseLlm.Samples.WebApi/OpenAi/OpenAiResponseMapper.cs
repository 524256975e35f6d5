using System.Text.Json;
using ChineseLlm.Client;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>Maps Microsoft.Extensions.AI answers to OpenAI's <c>chat.completion</c> and <c>chat.completion.chunk</c> objects.</summary>
public static class OpenAiResponseMapper
{
    private static readonly JsonSerializerOptions s_arguments = AIJsonUtilities.DefaultOptions;

    public static ChatCompletionResponse ToResponse(ChatResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contents = response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).ToList();
        var text = string.Concat(contents.OfType<TextContent>().Select(c => c.Text));
        var reasoning = string.Concat(contents.OfType<TextReasoningContent>().Select(c => c.Text));
        var toolCalls = contents.OfType<FunctionCallContent>().Select((c, i) => ToToolCall(c, index: null)).ToList();
        return new ChatCompletionResponse
        {
            Id = response.ResponseId ?? "chatcmpl-" + Guid.NewGuid().ToString("N"),
            Created = (response.CreatedAt ?? now).ToUnixTimeSeconds(),
            Model = response.ModelId,
            Choices =
            [
                new ChoiceDto
                {
                    Index = 0,
                    Message = new ResponseMessageDto
                    {
                        Content = text.Length == 0 && toolCalls.Count > 0 ? null : text,
                        ReasoningContent = reasoning.Length == 0 ? null : reasoning,
                        ToolCalls = toolCalls.Count == 0 ? null : toolCalls,
                    },
                    FinishReason = ToFinishReason(response.FinishReason),
                },
            ],
            Usage = ToUsage(response.Usage),
            Chinesellm = new ChineseLlmInfoDto
            {
                Provider = response.GetProvider(),
                Cost = response.GetCost(),
                Routing = response.GetRoutingDecision()?.ToString(),
            },
        };
    }

    /// <summary>Maps one streamed update; <paramref name="toolCallIndex"/> numbers the tool calls across the stream.</summary>
    public static ChatCompletionChunk ToChunk(ChatResponseUpdate update, string id, long created, bool first, ref int toolCallIndex)
    {
        ArgumentNullException.ThrowIfNull(update);
        var text = string.Concat(update.Contents.OfType<TextContent>().Select(c => c.Text));
        var reasoning = string.Concat(update.Contents.OfType<TextReasoningContent>().Select(c => c.Text));
        List<ToolCallDto>? toolCalls = null;
        foreach (var call in update.Contents.OfType<FunctionCallContent>())
        {
            (toolCalls ??= []).Add(ToToolCall(call, toolCallIndex++));
        }

        return new ChatCompletionChunk
        {
            Id = id,
            Created = created,
            Model = update.ModelId,
            Choices =
            [
                new ChunkChoiceDto
                {
                    Index = 0,
                    Delta = new DeltaDto
                    {
                        Role = first ? "assistant" : null,
                        Content = text.Length == 0 ? (first ? string.Empty : null) : text,
                        ReasoningContent = reasoning.Length == 0 ? null : reasoning,
                        ToolCalls = toolCalls,
                    },
                    FinishReason = ToFinishReason(update.FinishReason),
                },
            ],
        };
    }

    /// <summary>The closing chunk: no choices, the usage (when asked for) and who answered at what cost.</summary>
    public static ChatCompletionChunk ToUsageChunk(string id, long created, string? model, UsageDetails? usage, ChineseLlmInfoDto info) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [],
        Usage = ToUsage(usage),
        Chinesellm = info,
    };

    public static UsageDto? ToUsage(UsageDetails? usage) => usage is null ? null : new UsageDto
    {
        PromptTokens = usage.InputTokenCount ?? 0,
        CompletionTokens = usage.OutputTokenCount ?? 0,
        TotalTokens = usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0)),
        PromptTokensDetails = usage.CachedInputTokenCount is { } cached ? new PromptTokensDetailsDto { CachedTokens = cached } : null,
        CompletionTokensDetails = usage.ReasoningTokenCount is { } reasoning ? new CompletionTokensDetailsDto { ReasoningTokens = reasoning } : null,
    };

    public static string? ToFinishReason(ChatFinishReason? reason) =>
        reason is not { } r ? null
        : r == ChatFinishReason.Stop ? "stop"
        : r == ChatFinishReason.Length ? "length"
        : r == ChatFinishReason.ToolCalls ? "tool_calls"
        : r == ChatFinishReason.ContentFilter ? "content_filter"
        : r.Value;

    private static ToolCallDto ToToolCall(FunctionCallContent call, int? index) => new()
    {
        Index = index,
        Id = call.CallId,
        Type = "function",
        Function = new FunctionCallDto
        {
            Name = call.Name,
            Arguments = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, s_arguments.GetTypeInfo(typeof(IDictionary<string, object?>))),
        },
    };
}
