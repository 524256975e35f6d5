using System.Text;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Request mapping: Microsoft.Extensions.AI messages and options → the OpenAI-dialect wire request.</summary>
internal sealed partial class OpenAiCompatibleProtocol
{
    /// <summary>Builds the wire request. Static so tests can assert the exact JSON without HTTP.</summary>
    internal static ChatCompletionRequest ToWireRequest(
        OpenAiCompatibleDialect dialect, string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var request = new ChatCompletionRequest
        {
            Model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModel : options.ModelId,
            Messages = ToWireMessages(dialect, messages, options?.Instructions),
        };

        if (stream)
        {
            request.Stream = true;
            if (dialect.RequestsStreamUsage)
            {
                request.StreamOptions = new WireStreamOptions { IncludeUsage = true };
            }
        }

        if (options is not null)
        {
            request.Temperature = options.Temperature;
            request.TopP = options.TopP;
            request.FrequencyPenalty = options.FrequencyPenalty;
            request.PresencePenalty = options.PresencePenalty;
            request.Seed = options.Seed;
            if (options.MaxOutputTokens is { } max)
            {
                if (dialect.UsesMaxCompletionTokens)
                {
                    request.MaxCompletionTokens = max;
                }
                else
                {
                    request.MaxTokens = max;
                }
            }

            if (options.StopSequences is { Count: > 0 } stop)
            {
                request.Stop = [.. stop];
            }

            request.ResponseFormat = ToWireResponseFormat(options.ResponseFormat);
            request.Tools = ToWireTools(options.Tools);
            if (request.Tools is not null)
            {
                request.ToolChoice = ToWireToolChoice(options.ToolMode);
            }
        }

        dialect.ApplyVendorRules(request, options);
        ApplyPassThroughFields(dialect, request, options?.AdditionalProperties);
        return request;
    }

    private static List<WireMessage> ToWireMessages(OpenAiCompatibleDialect dialect, IEnumerable<ChatMessage> messages, string? instructions)
    {
        var wire = new List<WireMessage>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            wire.Add(new WireMessage { Role = "system", Content = new WireContent(instructions) });
        }

        // Tool results carry only the call id; the function name (Kimi wants it) comes from the earlier call.
        Dictionary<string, string>? callNames = null;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var role = ToWireRole(message.Role);

            // One text part (the usual message) is sent as is; a StringBuilder joins several.
            string? firstText = null;
            StringBuilder? text = null;
            StringBuilder? reasoning = null;
            List<WireContentPart>? parts = null;
            List<WireToolCall>? toolCalls = null;

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: var t }:
                        if (firstText is null)
                        {
                            firstText = t ?? string.Empty;
                        }
                        else
                        {
                            (text ??= new StringBuilder(firstText)).Append(t);
                        }

                        parts?.Add(new WireContentPart { Type = "text", Text = t });
                        break;

                    case TextReasoningContent { Text: var r }:
                        (reasoning ??= new StringBuilder()).Append(r);
                        break;

                    case FunctionCallContent call:
                        (callNames ??= new(StringComparer.Ordinal))[call.CallId] = call.Name;
                        (toolCalls ??= []).Add(new WireToolCall
                        {
                            Id = call.CallId,
                            Type = call.AdditionalProperties?.TryGetValue("type", out var type) == true && type is string t2 ? t2 : "function",
                            Function = new WireFunctionCall { Name = call.Name, Arguments = WireMapping.SerializeArguments(call.Arguments) },
                        });
                        break;

                    case FunctionResultContent result:
                        wire.Add(new WireMessage
                        {
                            Role = "tool",
                            ToolCallId = result.CallId,
                            Name = dialect.SendsToolNameInToolMessages && callNames?.TryGetValue(result.CallId, out var name) == true ? name : null,
                            Content = new WireContent(WireMapping.SerializeResult(result.Result)),
                        });
                        break;

                    case DataContent data when data.HasTopLevelMediaType("image"):
                        parts = StartParts(dialect, parts, text?.ToString() ?? firstText);
                        parts.Add(new WireContentPart { Type = "image_url", ImageUrl = new WireImageUrl { Url = data.Uri } });
                        break;

                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        parts = StartParts(dialect, parts, text?.ToString() ?? firstText);
                        parts.Add(new WireContentPart { Type = "image_url", ImageUrl = new WireImageUrl { Url = uri.Uri.ToString() } });
                        break;

                    case UsageContent:
                        break;

                    default:
                        throw new ChineseLlmException(
                            dialect.ProviderName,
                            LlmErrorKind.InvalidRequest,
                            $"{content.GetType().Name} in a {message.Role} message is not supported by this provider's chat API.");
                }
            }

            if (firstText is null && reasoning is null && parts is null && toolCalls is null)
            {
                continue; // a message of only tool results (already added) or of nothing
            }

            var wireMessage = new WireMessage
            {
                Role = role,
                Content = parts is not null ? new WireContent(parts)
                    : firstText is not null ? new WireContent(text?.ToString() ?? firstText)
                    : toolCalls is not null ? null
                    : new WireContent(string.Empty),
                ReasoningContent = role == "assistant" ? reasoning?.ToString() : null,
                ToolCalls = toolCalls,
                Name = string.IsNullOrWhiteSpace(message.AuthorName) ? null : message.AuthorName,
            };

            if (message.AdditionalProperties is { Count: > 0 } props)
            {
                wireMessage.AdditionalFields = SelectPassThrough(dialect.MessagePassThroughFields, props);
            }

            wire.Add(wireMessage);
        }

        return wire;
    }

    private static List<WireContentPart> StartParts(OpenAiCompatibleDialect dialect, List<WireContentPart>? parts, string? textSoFar)
    {
        if (!dialect.SupportsContentParts)
        {
            throw new ChineseLlmException(
                dialect.ProviderName, LlmErrorKind.InvalidRequest, "this provider's chat API does not accept images; send text only or choose a vision model's provider.");
        }

        if (parts is not null)
        {
            return parts;
        }

        parts = [];
        if (textSoFar is not null)
        {
            parts.Add(new WireContentPart { Type = "text", Text = textSoFar });
        }

        return parts;
    }

    private static string ToWireRole(ChatRole role) =>
        role == ChatRole.System ? "system"
        : role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : string.Equals(role.Value, "developer", StringComparison.OrdinalIgnoreCase) ? "system" // no vendor here accepts `developer`
        : role.Value;

    private static WireResponseFormat? ToWireResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new WireResponseFormat
        {
            Type = "json_schema",
            JsonSchema = new WireJsonSchema { Name = json.SchemaName ?? "response", Description = json.SchemaDescription, Schema = schema },
        },
        ChatResponseFormatJson => new WireResponseFormat { Type = "json_object" },
        _ => null,
    };

    private static List<WireTool>? ToWireTools(IList<AITool>? tools) => WireMapping.ToWireFunctions(tools, static (function, description) => new WireTool
    {
        Function = new WireFunctionDefinition { Name = function.Name, Description = description, Parameters = function.JsonSchema },
    });

    private static WireToolChoice? ToWireToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => WireToolChoice.None,
        AutoChatToolMode => WireToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => WireToolChoice.Function(name),
        RequiredChatToolMode => WireToolChoice.Required,
        _ => null,
    };

    private static void ApplyPassThroughFields(OpenAiCompatibleDialect dialect, ChatCompletionRequest request, AdditionalPropertiesDictionary? properties)
    {
        if (properties is not { Count: > 0 })
        {
            return;
        }

        var fields = SelectPassThrough(dialect.PassThroughFields, properties);
        if (fields is null)
        {
            return;
        }

        // A pass-through value replaces what the mapping derived, instead of writing the key twice.
        if (fields.ContainsKey("thinking"))
        {
            request.Thinking = null;
        }

        if (fields.ContainsKey("reasoning_effort"))
        {
            request.ReasoningEffort = null;
        }

        if (fields.ContainsKey("enable_thinking"))
        {
            request.EnableThinking = null;
        }

        // Merge: a dialect's vendor rules may already have added fields; the caller's value wins.
        if (request.AdditionalFields is { } existing)
        {
            foreach (var (key, value) in fields)
            {
                existing[key] = value;
            }
        }
        else
        {
            request.AdditionalFields = fields;
        }
    }

    private static Dictionary<string, JsonElement>? SelectPassThrough(IReadOnlySet<string> allowed, AdditionalPropertiesDictionary properties)
    {
        Dictionary<string, JsonElement>? fields = null;
        foreach (var (key, value) in properties)
        {
            if (allowed.Contains(key))
            {
                (fields ??= new(StringComparer.Ordinal))[key] = WireMapping.ToJsonElement(value);
            }
        }

        return fields;
    }
}
