using System.Text;
using ChineseLlm.Client.Providers.Qwen.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Request mapping: Microsoft.Extensions.AI messages and options → the native generation request.</summary>
internal sealed partial class QwenNativeProtocol
{
    /// <summary>The documented <c>parameters</c> callers may set through <c>ChatOptions.AdditionalProperties</c>.</summary>
    private static readonly HashSet<string> PassThroughFields = new(StringComparer.Ordinal)
    {
        "enable_thinking", "thinking_budget", "enable_search", "search_options", "top_k", "repetition_penalty", "n",
        "logprobs", "top_logprobs", "vl_high_resolution_images", "max_input_tokens", "enable_code_interpreter",
        "parallel_tool_calls", "translation_options", "reasoning_effort",
    };

    private static readonly HashSet<string> MessagePassThroughFields = new(StringComparer.Ordinal) { "partial" };

    private static readonly JsonElement AutoChoice = JsonSerializer.SerializeToElement("auto", QwenJsonContext.Default.String);

    private static readonly JsonElement NoneChoice = JsonSerializer.SerializeToElement("none", QwenJsonContext.Default.String);

    /// <summary>Builds the wire request. Static so tests can assert the exact JSON without HTTP.</summary>
    internal static QwenGenerationRequest ToQwenRequest(
        string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModel : options.ModelId.Trim();
        var messageList = messages as IList<ChatMessage> ?? [.. messages];
        var multimodal = QwenEndpoints.IsMultimodalModel(model) || messageList.Any(m => m.Contents.Any(IsMedia));
        var parameters = new QwenParameters();
        var request = new QwenGenerationRequest
        {
            Model = model,
            Input = new QwenInput { Messages = ToQwenMessages(messageList, options?.Instructions, multimodal) },
            Parameters = parameters,
            UsesMultimodalEndpoint = multimodal,
        };

        if (stream)
        {
            // Quirk (docs/protocols/qwen.md): always incremental; the client joins the pieces (as the Python SDK does).
            parameters.IncrementalOutput = true;
        }

        if (options is not null)
        {
            parameters.MaxTokens = options.MaxOutputTokens;
            parameters.Temperature = options.Temperature;
            parameters.TopP = options.TopP;
            parameters.TopK = options.TopK;
            parameters.Seed = options.Seed;
            parameters.PresencePenalty = options.PresencePenalty;
            if (options.FrequencyPenalty is not null)
            {
                Log.FieldDropped(logger, ProviderKey, "frequency_penalty", model, "the native protocol has no frequency penalty; use repetition_penalty");
            }

            if (options.StopSequences is { Count: > 0 } stop)
            {
                parameters.Stop = [.. stop];
            }

            parameters.ResponseFormat = ToQwenResponseFormat(options.ResponseFormat);
            parameters.Tools = ToQwenTools(options.Tools);
            if (parameters.Tools is not null)
            {
                parameters.ToolChoice = ToQwenToolChoice(options.ToolMode, parameters.Tools);
                parameters.ParallelToolCalls = options.AllowMultipleToolCalls;
            }

            if (options.Reasoning?.Effort is { } effort)
            {
                parameters.EnableThinking = effort != ReasoningEffort.None;
            }

            ApplyPassThroughFields(parameters, options.AdditionalProperties);
        }

        return request;
    }

    private static List<QwenMessage> ToQwenMessages(IList<ChatMessage> messages, string? instructions, bool multimodal)
    {
        var wire = new List<QwenMessage>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            wire.Add(new QwenMessage { Role = "system", Content = TextContentOf(instructions, multimodal) });
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            StringBuilder? text = null;
            List<QwenContentPart>? parts = null;
            List<QwenToolCall>? toolCalls = null;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: var t }:
                        (text ??= new StringBuilder()).Append(t);
                        (parts ??= []).Add(new QwenContentPart { Text = t });
                        break;

                    case TextReasoningContent:
                        // DashScope does not take earlier reasoning back; it is not sent.
                        break;

                    case FunctionCallContent call:
                        toolCalls ??= [];
                        toolCalls.Add(new QwenToolCall
                        {
                            Index = toolCalls.Count,
                            Id = call.CallId,
                            Type = "function",
                            Function = new QwenFunctionCall { Name = call.Name, Arguments = WireMapping.SerializeArguments(call.Arguments) },
                        });
                        break;

                    case FunctionResultContent result:
                        wire.Add(new QwenMessage
                        {
                            Role = "tool",
                            ToolCallId = result.CallId,
                            Content = TextContentOf(WireMapping.SerializeResult(result.Result), multimodal),
                        });
                        break;

                    case DataContent data when ToMediaPart(data.MediaType, data.Uri) is { } part:
                        (parts ??= []).Add(part);
                        break;

                    case UriContent uri when ToMediaPart(uri.MediaType, uri.Uri.ToString()) is { } part:
                        (parts ??= []).Add(part);
                        break;

                    case UsageContent:
                        break;

                    default:
                        throw new ChineseLlmException(
                            ProviderKey,
                            LlmErrorKind.InvalidRequest,
                            $"{content.GetType().Name} in a {message.Role} message is not supported by DashScope's generation API.");
                }
            }

            if (parts is null && toolCalls is null)
            {
                continue; // a message of only tool results (already added) or of nothing
            }

            // Quirk (docs/protocols/qwen.md, captures): an assistant turn of only tool calls carries "" (text) or [] (multimodal).
            var wireMessage = new QwenMessage
            {
                Role = ToQwenRole(message.Role),
                Content = multimodal ? new QwenContent(parts ?? []) : new QwenContent(text?.ToString() ?? string.Empty),
                ToolCalls = toolCalls,
            };

            if (message.AdditionalProperties is { Count: > 0 } props)
            {
                wireMessage.AdditionalFields = SelectPassThrough(MessagePassThroughFields, props);
            }

            wire.Add(wireMessage);
        }

        return wire;
    }

    private static QwenContent TextContentOf(string text, bool multimodal) =>
        multimodal ? new QwenContent([new QwenContentPart { Text = text }]) : new QwenContent(text);

    private static bool IsMedia(AIContent content) => content switch
    {
        DataContent data => ToMediaPart(data.MediaType, "x") is not null,
        UriContent uri => ToMediaPart(uri.MediaType, "x") is not null,
        _ => false,
    };

    private static QwenContentPart? ToMediaPart(string mediaType, string url) =>
        mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? new QwenContentPart { Image = url }
        : mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? new QwenContentPart { Video = url }
        : mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? new QwenContentPart { Audio = url }
        : null;

    private static string ToQwenRole(ChatRole role) =>
        role == ChatRole.System ? "system"
        : role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : string.Equals(role.Value, "developer", StringComparison.OrdinalIgnoreCase) ? "system"
        : role.Value;

    private static QwenResponseFormat? ToQwenResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new QwenResponseFormat
        {
            Type = "json_schema",
            JsonSchema = new QwenJsonSchema { Name = json.SchemaName ?? "response", Description = json.SchemaDescription, Schema = schema },
        },
        ChatResponseFormatJson => new QwenResponseFormat { Type = "json_object" },
        _ => null,
    };

    private static List<QwenTool>? ToQwenTools(IList<AITool>? tools) => WireMapping.ToWireFunctions(tools, static (function, description) => new QwenTool
    {
        Function = new QwenFunctionDefinition { Name = function.Name, Description = description, Parameters = function.JsonSchema },
    });

    /// <summary>Quirk (docs/protocols/qwen.md): <c>"required"</c> is rejected; a named function forces a call, else <c>"auto"</c>.</summary>
    private static JsonElement? ToQwenToolChoice(ChatToolMode? mode, List<QwenTool> tools) => mode switch
    {
        NoneChatToolMode => NoneChoice,
        AutoChatToolMode => AutoChoice,
        RequiredChatToolMode { RequiredFunctionName: { } name } => FunctionChoice(name),
        RequiredChatToolMode when tools.Count == 1 => FunctionChoice(tools[0].Function.Name),
        RequiredChatToolMode => AutoChoice,
        _ => null,
    };

    /// <summary>DashScope's named-function choice is OpenAI's object (<c>{"type":"function","function":{"name":…}}</c>).</summary>
    private static JsonElement FunctionChoice(string name) =>
        JsonSerializer.SerializeToElement(OpenAiCompatible.Wire.WireToolChoice.Function(name), OpenAiCompatibleJsonContext.Default.WireToolChoice);

    private static void ApplyPassThroughFields(QwenParameters parameters, AdditionalPropertiesDictionary? properties)
    {
        if (properties is not { Count: > 0 } || SelectPassThrough(PassThroughFields, properties) is not { } fields)
        {
            return;
        }

        // A pass-through value replaces what the mapping derived, instead of writing the key twice.
        if (fields.ContainsKey("enable_thinking"))
        {
            parameters.EnableThinking = null;
        }

        if (fields.ContainsKey("top_k"))
        {
            parameters.TopK = null;
        }

        if (fields.ContainsKey("parallel_tool_calls"))
        {
            parameters.ParallelToolCalls = null;
        }

        parameters.AdditionalFields = fields;
    }

    private static Dictionary<string, JsonElement>? SelectPassThrough(HashSet<string> allowed, AdditionalPropertiesDictionary properties)
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
