using System.Text;
using ChineseLlm.Client.Providers.Hunyuan.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Request mapping: Microsoft.Extensions.AI messages and options → the native <c>ChatCompletions</c> body.</summary>
internal sealed partial class HunyuanNativeProtocol
{
    /// <summary>Documented request fields (tencentcloud-sdk-python <c>ChatCompletionsRequest</c>) without a ChatOptions
    /// property, passed through from <c>ChatOptions.AdditionalProperties</c> under their PascalCase names.</summary>
    private static readonly HashSet<string> PassThroughFields = new(StringComparer.Ordinal)
    {
        "EnableEnhancement", "StreamModeration", "SearchInfo", "Citation", "EnableSpeedSearch", "EnableMultimedia",
        "EnableDeepSearch", "ForceSearchEnhancement", "EnableRecommendedQuestions", "EnableDeepRead", "WebSearchOptions",
        "TopicChoice", "EnableThinking",
    };

    /// <summary>The most entries <c>Messages</c> may hold (docs/protocols/hunyuan.md, "Request (native)").</summary>
    internal const int MaxMessages = 40;

    /// <summary>Builds the wire request. Static so tests can assert the exact JSON without HTTP.</summary>
    internal static HunyuanChatCompletionsRequest ToHunyuanRequest(
        string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var request = new HunyuanChatCompletionsRequest
        {
            Model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModel : options.ModelId,
            Messages = ToHunyuanMessages(messages, options?.Instructions),
            Stream = stream ? true : null,
        };

        // The API takes at most 40 entries in Messages (docs/protocols/hunyuan.md, "Request (native)"); past that the
        // service answers with an opaque parameter error, so a longer conversation is refused here, before sending.
        if (request.Messages.Count > MaxMessages)
        {
            throw new ChineseLlmException(
                ProviderKey,
                LlmErrorKind.InvalidRequest,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Hunyuan's ChatCompletions API takes at most {MaxMessages} messages; this request has {request.Messages.Count} (trim or summarize the history)."));
        }

        if (options is null)
        {
            return request;
        }

        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.Seed = options.Seed is { } seed ? (int)Math.Clamp(seed, 1, 10_000) : null;
        if (options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = [.. stop];
        }

        // Quirk (models.py ChatCompletionsRequest): the native API has no output cap and no response_format.
        if (options.MaxOutputTokens is not null)
        {
            Log.FieldDropped(logger, ProviderKey, nameof(ChatOptions.MaxOutputTokens), request.Model, "the native ChatCompletions API has no max-tokens parameter");
        }

        if (options.ResponseFormat is ChatResponseFormatJson)
        {
            Log.FieldDropped(logger, ProviderKey, nameof(ChatOptions.ResponseFormat), request.Model, "the native ChatCompletions API has no response_format parameter");
        }

        if (options.Reasoning?.Effort is { } effort)
        {
            request.EnableThinking = effort != ReasoningEffort.None;
        }

        request.Tools = ToHunyuanTools(options.Tools);
        if (request.Tools is not null)
        {
            ApplyToolMode(request, options.ToolMode);
        }

        if (options.AdditionalProperties is { Count: > 0 } properties)
        {
            foreach (var (key, value) in properties)
            {
                if (!PassThroughFields.Contains(key))
                {
                    continue;
                }

                if (key == nameof(HunyuanChatCompletionsRequest.EnableThinking))
                {
                    request.EnableThinking = null; // the caller's value replaces the one derived from Reasoning
                }

                (request.AdditionalFields ??= new(StringComparer.Ordinal))[key] = WireMapping.ToJsonElement(value);
            }
        }

        return request;
    }

    private static List<HunyuanMessage> ToHunyuanMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var wire = new List<HunyuanMessage>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            wire.Add(new HunyuanMessage { Role = "system", Content = instructions });
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var role = ToHunyuanRole(message.Role);
            StringBuilder? text = null;
            List<HunyuanContent>? parts = null;
            List<HunyuanToolCall>? toolCalls = null;

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: var t }:
                        (text ??= new StringBuilder()).Append(t);
                        parts?.Add(new HunyuanContent { Type = "text", Text = t });
                        break;

                    case TextReasoningContent:
                        // Quirk (models.py Message.ReasoningContent): sending earlier reasoning back is an error.
                        break;

                    case FunctionCallContent call:
                        (toolCalls ??= []).Add(new HunyuanToolCall
                        {
                            Id = call.CallId,
                            Type = "function",
                            Function = new HunyuanToolCallFunction { Name = call.Name, Arguments = WireMapping.SerializeArguments(call.Arguments) },
                        });
                        break;

                    case FunctionResultContent result:
                        wire.Add(new HunyuanMessage { Role = "tool", ToolCallId = result.CallId, Content = WireMapping.SerializeResult(result.Result) });
                        break;

                    case DataContent data when data.HasTopLevelMediaType("image"):
                        parts = StartParts(parts, text);
                        parts.Add(new HunyuanContent { Type = "image_url", ImageUrl = new HunyuanImageUrl { Url = data.Uri } });
                        break;

                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        parts = StartParts(parts, text);
                        parts.Add(new HunyuanContent { Type = "image_url", ImageUrl = new HunyuanImageUrl { Url = uri.Uri.ToString() } });
                        break;

                    case UsageContent:
                        break;

                    default:
                        throw new ChineseLlmException(
                            ProviderKey,
                            LlmErrorKind.InvalidRequest,
                            $"{content.GetType().Name} in a {message.Role} message is not supported by Hunyuan's ChatCompletions API.");
                }
            }

            if (text is null && parts is null && toolCalls is null)
            {
                continue; // only tool results (already added), reasoning, or nothing
            }

            wire.Add(new HunyuanMessage
            {
                Role = role,
                Content = parts is null ? text?.ToString() : null,
                Contents = parts,
                ToolCalls = toolCalls,
            });
        }

        return OneLeadingSystemMessage(wire);
    }

    /// <summary>
    /// The API takes at most one <c>system</c> message, and only first (docs/protocols/hunyuan.md, "Request"): the
    /// instructions and every system message, in order, become that one message; everything else keeps its order.
    /// </summary>
    private static List<HunyuanMessage> OneLeadingSystemMessage(List<HunyuanMessage> wire)
    {
        var systemCount = 0;
        var misplaced = false;
        for (var i = 0; i < wire.Count; i++)
        {
            if (wire[i].Role == "system")
            {
                systemCount++;
                misplaced |= i > 0;
            }
        }

        if (systemCount == 0 || (systemCount == 1 && !misplaced))
        {
            return wire;
        }

        var text = new StringBuilder();
        var rest = new List<HunyuanMessage>(wire.Count - systemCount + 1) { new() { Role = "system" } };
        foreach (var message in wire)
        {
            if (message.Role != "system")
            {
                rest.Add(message);
                continue;
            }

            var content = message.Content ?? (message.Contents is { } parts ? string.Concat(parts.Select(p => p.Text)) : null);
            if (!string.IsNullOrEmpty(content))
            {
                text.Append(text.Length > 0 ? "\n\n" : string.Empty).Append(content);
            }
        }

        rest[0].Content = text.ToString();
        return rest;
    }

    private static List<HunyuanContent> StartParts(List<HunyuanContent>? parts, StringBuilder? textSoFar)
    {
        if (parts is not null)
        {
            return parts;
        }

        // Contents replaces Content: the text seen so far becomes the first part.
        parts = [];
        if (textSoFar is not null)
        {
            parts.Add(new HunyuanContent { Type = "text", Text = textSoFar.ToString() });
        }

        return parts;
    }

    private static string ToHunyuanRole(ChatRole role) =>
        role == ChatRole.System ? "system"
        : role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : string.Equals(role.Value, "developer", StringComparison.OrdinalIgnoreCase) ? "system"
        : role.Value;

    private static List<HunyuanTool>? ToHunyuanTools(IList<AITool>? tools) => WireMapping.ToWireFunctions(tools, static (function, description) => new HunyuanTool
    {
        Type = "function",

        // Quirk (models.py ToolFunction.Parameters: str): the schema travels as a JSON string.
        Function = new HunyuanToolFunction { Name = function.Name, Description = description, Parameters = function.JsonSchema.GetRawText() },
    });

    /// <summary>ToolChoice is <c>none</c>, <c>auto</c> or <c>custom</c> (+ CustomTool); there is no "any tool" choice.</summary>
    private static void ApplyToolMode(HunyuanChatCompletionsRequest request, ChatToolMode? mode)
    {
        switch (mode)
        {
            case NoneChatToolMode:
                request.ToolChoice = "none";
                break;
            case AutoChatToolMode:
                request.ToolChoice = "auto";
                break;
            case RequiredChatToolMode required:
                var name = required.RequiredFunctionName ?? (request.Tools!.Count == 1 ? request.Tools[0].Function.Name : null);
                var tool = name is null ? null : request.Tools!.FirstOrDefault(t => t.Function.Name == name);
                if (tool is null)
                {
                    // Several tools and "call any of them": the closest Hunyuan offers is letting the model choose.
                    request.ToolChoice = "auto";
                }
                else
                {
                    request.ToolChoice = "custom";
                    request.CustomTool = tool;
                }

                break;
        }
    }
}
