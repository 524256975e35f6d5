using System.Globalization;
using System.Text.Json;
using ChineseLlm.Client;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>Maps an OpenAI Chat Completions request to Microsoft.Extensions.AI messages and options.</summary>
public static class OpenAiRequestMapper
{
    /// <summary>The <c>model</c> values that leave the choice to the router.</summary>
    private static readonly HashSet<string> s_routerModels = new(StringComparer.OrdinalIgnoreCase) { "", "auto", "chinesellm", "chinesellm-auto" };

    /// <summary>Maps the conversation.</summary>
    /// <exception cref="InvalidChatRequestException">A message is malformed; the exception names the field.</exception>
    public static List<ChatMessage> ToChatMessages(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw new InvalidChatRequestException("'messages' must be a non-empty array.", "messages");
        }

        var result = new List<ChatMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"messages[{i}]");
            var message = messages[i] ?? throw new InvalidChatRequestException($"'{field}' must be an object.", field);
            result.Add(message.Role switch
            {
                "system" or "developer" => new ChatMessage(ChatRole.System, TextOf(message.Content, field)),
                "user" => new ChatMessage(ChatRole.User, UserContents(message.Content, field)) { AuthorName = message.Name },
                "assistant" => AssistantMessage(message, field),
                "tool" => new ChatMessage(ChatRole.Tool, [new FunctionResultContent(
                    message.ToolCallId ?? throw new InvalidChatRequestException($"'{field}.tool_call_id' is required for a tool message.", field + ".tool_call_id"),
                    TextOf(message.Content, field))]),
                _ => throw new InvalidChatRequestException($"'{field}.role' must be system, developer, user, assistant or tool (got '{message.Role}').", field + ".role"),
            });
        }

        return result;
    }

    /// <summary>Maps the options: <c>model</c> pins a model unless it is <c>auto</c>; <c>tier</c> asks the router for a tier.</summary>
    /// <exception cref="InvalidChatRequestException">An option is malformed; the exception names the field.</exception>
    public static ChatOptions ToChatOptions(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new ChatOptions
        {
            ModelId = request.Model is { } model && !s_routerModels.Contains(model.Trim()) ? model.Trim() : null,
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            Seed = request.Seed,
            AllowMultipleToolCalls = request.ParallelToolCalls,
        };

        if (request.Tier is { } tierText)
        {
            if (!Enum.TryParse<ModelTier>(tierText, ignoreCase: true, out var tier) || !Enum.IsDefined(tier) || int.TryParse(tierText, out _))
            {
                throw new InvalidChatRequestException($"'tier' must be one of lite, standard, advanced, flagship (got '{tierText}').", "tier");
            }

            options.WithTier(tier);
        }

        if (request.Stop is { } stop)
        {
            options.StopSequences = stop.ValueKind switch
            {
                JsonValueKind.String => [stop.GetString()!],
                JsonValueKind.Array => [.. stop.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InvalidChatRequestException("'stop' must hold strings.", "stop"))],
                JsonValueKind.Null => null,
                _ => throw new InvalidChatRequestException("'stop' must be a string or an array of strings.", "stop"),
            };
        }

        if (request.Tools is { Count: > 0 } tools)
        {
            options.Tools = [.. tools.Select((tool, i) => ToTool(tool, i))];
        }

        if (request.ToolChoice is { } choice)
        {
            options.ToolMode = ToToolMode(choice);
        }

        if (request.ResponseFormat is { } format)
        {
            options.ResponseFormat = format.Type switch
            {
                null or "text" => ChatResponseFormat.Text,
                "json_object" => ChatResponseFormat.Json,
                "json_schema" when format.JsonSchema?.Schema is { } schema =>
                    ChatResponseFormat.ForJsonSchema(schema, format.JsonSchema.Name, format.JsonSchema.Description),
                _ => throw new InvalidChatRequestException($"'response_format.type' must be text, json_object or json_schema with a schema (got '{format.Type}').", "response_format"),
            };
        }

        if (request.ReasoningEffort is { } effort)
        {
            options.Reasoning = new ReasoningOptions
            {
                Effort = effort switch
                {
                    "none" or "minimal" => ReasoningEffort.None,
                    "low" => ReasoningEffort.Low,
                    "medium" => ReasoningEffort.Medium,
                    "high" => ReasoningEffort.High,
                    "xhigh" or "max" => ReasoningEffort.ExtraHigh,
                    _ => throw new InvalidChatRequestException($"'reasoning_effort' must be none, minimal, low, medium, high or xhigh (got '{effort}').", "reasoning_effort"),
                },
            };
        }

        return options;
    }

    private static ChatMessage AssistantMessage(ChatMessageDto message, string field)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.ReasoningContent))
        {
            contents.Add(new TextReasoningContent(message.ReasoningContent));
        }

        if (message.Content is { ValueKind: not JsonValueKind.Null } && TextOf(message.Content, field) is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            var name = call.Function?.Name ?? throw new InvalidChatRequestException($"'{field}.tool_calls' entries need function.name.", field + ".tool_calls");
            contents.Add(FunctionCallContent.CreateFromParsedArguments(
                string.IsNullOrWhiteSpace(call.Function.Arguments) ? "{}" : call.Function.Arguments,
                call.Id ?? string.Empty,
                name,
                static json => JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as IDictionary<string, object?>));
        }

        return new ChatMessage(ChatRole.Assistant, contents) { AuthorName = message.Name };
    }

    private static List<AIContent> UserContents(JsonElement? content, string field)
    {
        if (content is not { ValueKind: JsonValueKind.Array } parts)
        {
            return [new TextContent(TextOf(content, field))];
        }

        var contents = new List<AIContent>();
        foreach (var element in parts.EnumerateArray())
        {
            var part = element.Deserialize(SampleJsonContext.Default.ContentPartDto);
            switch (part?.Type)
            {
                case "text":
                    contents.Add(new TextContent(part.Text ?? string.Empty));
                    break;
                case "image_url" when part.ImageUrl?.Url is { } url:
                    contents.Add(url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                        ? new DataContent(url)
                        : new UriContent(new Uri(url, UriKind.Absolute), "image/*"));
                    break;
                default:
                    throw new InvalidChatRequestException($"'{field}.content' parts must be text or image_url (got '{part?.Type}').", field + ".content");
            }
        }

        return contents;
    }

    private static string TextOf(JsonElement? content, string field)
    {
        switch (content)
        {
            case null:
            case { ValueKind: JsonValueKind.Null }:
                return string.Empty;
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString()!;
            case { ValueKind: JsonValueKind.Array } parts:
                var texts = parts.EnumerateArray()
                    .Select(e => e.Deserialize(SampleJsonContext.Default.ContentPartDto))
                    .Select(p => p?.Type == "text" ? p.Text ?? string.Empty : throw new InvalidChatRequestException($"'{field}.content' may only hold text parts.", field + ".content"));
                return string.Concat(texts);
            default:
                throw new InvalidChatRequestException($"'{field}.content' must be a string or an array of content parts.", field + ".content");
        }
    }

    private static AIFunctionDeclaration ToTool(ToolDto tool, int index)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"tools[{index}]");
        if (tool?.Type != "function" || tool.Function?.Name is not { Length: > 0 } name)
        {
            throw new InvalidChatRequestException($"'{field}' must be {{\"type\":\"function\",\"function\":{{\"name\":…}}}}.", field);
        }

        using var emptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        var schema = tool.Function.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters : emptySchema.RootElement.Clone();
        return AIFunctionFactory.CreateDeclaration(name, tool.Function.Description, schema);
    }

    private static ChatToolMode ToToolMode(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.String => choice.GetString() switch
        {
            "none" => ChatToolMode.None,
            "auto" => ChatToolMode.Auto,
            "required" => ChatToolMode.RequireAny,
            var other => throw new InvalidChatRequestException($"'tool_choice' must be none, auto, required or a function (got '{other}').", "tool_choice"),
        },
        JsonValueKind.Object when choice.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } n
            => ChatToolMode.RequireSpecific(n),
        _ => throw new InvalidChatRequestException("'tool_choice' must be a string or {\"type\":\"function\",\"function\":{\"name\":…}}.", "tool_choice"),
    };
}
