using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Doubao on Volcengine Ark (<c>POST {base}/api/v3/chat/completions</c>): OpenAI dialect with <c>service_tier</c>,
/// <c>prompt_tokens_details.cached_tokens</c> and <c>completion_tokens_details.reasoning_tokens</c>, a last
/// <c>choices:[]</c> usage chunk only with include_usage, and Ark's error codes whose message ends in the request id
/// (docs/protocols/doubao.md; volcengine.com/docs/82379/1299023 for the error table).
/// </summary>
internal sealed class DoubaoDialect : WireDialect
{
    public static readonly DoubaoDialect Instance = new();

    public override SimulatedProtocol Protocol => SimulatedProtocol.Doubao;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = WireIds.Ark(context.Now);
        var model = context.Model("doubao-seed-1-6-250615");
        var toolIds = context.ToolCallIds(static (_, _) => "call_" + WireIds.Alnum(24));

        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithHeader("X-Request-Id", id).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteNumber("index", 0);
                w.WriteNull("logprobs");
                w.WriteStartObject("message");
                w.WriteString("content", context.Reply.Text);
                if (context.HasReasoning)
                {
                    w.WriteString("reasoning_content", context.Reply.Reasoning);
                }

                w.WriteString("role", "assistant");
                if (context.HasToolCalls)
                {
                    WriteToolCalls(w, context, toolIds);
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                WriteTail(w, context, id, model, "chat.completion");
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("X-Request-Id", id);
        var thinking = context.HasReasoning;
        var deltas = context.Deltas();
        if (!thinking && (deltas.Count == 0 || deltas[0].Kind != DeltaKind.Content))
        {
            // A reply that does not open with text or reasoning opens with an empty delta (fixture stream-tool-call.sse).
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, static w =>
            {
                w.WriteString("content", string.Empty);
                w.WriteString("role", "assistant");
            })));
        }

        foreach (var delta in deltas)
        {
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, w =>
            {
                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteNull("content");
                        w.WriteString("role", "assistant");
                        w.WriteString("reasoning_content", delta.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Text);
                        w.WriteString("role", "assistant");
                        if (thinking)
                        {
                            w.WriteNull("reasoning_content");
                        }

                        break;
                    default:
                        w.WriteNull("content");
                        w.WriteString("role", "assistant");
                        WriteToolCallDelta(w, context, toolIds, delta);
                        break;
                }
            })));
        }

        stream.Segments.Add(Sse.Data(Chunk(context, id, model, context.FinishReason(), w =>
        {
            w.WriteString("content", string.Empty);
            w.WriteString("role", "assistant");
            if (thinking)
            {
                w.WriteNull("reasoning_content");
            }
        })));

        if (context.Request.IncludeUsage)
        {
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteTail(w, context, id, model, "chat.completion.chunk", serviceTier: null);
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/doubao/error-* (Ark's error table, volcengine.com/docs/82379/1299023).
        var id = WireIds.Ark(context.Now);
        var (status, code, type, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "AuthenticationError", "Unauthorized", "The API key or AK/SK in the request is missing or invalid."),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "AccessDenied", "Forbidden", "The request failed because you do not have access to the requested resource."),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "RateLimitExceeded.EndpointRPMExceeded", "TooManyRequests", "The Requests Per Minute (RPM) limit of the associated endpoint for your account has been exceeded."),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.Forbidden, "AccountOverdueError", "Forbidden", "The request failed because your account has an overdue balance."),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "InputTextSensitiveContentDetected", "BadRequest", "The request failed because the input text may contain sensitive information."),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "InvalidEndpointOrModel.NotFound", "NotFound", $"The model or endpoint {context.Model} does not exist or you do not have access to it."),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "OutofContextError", "BadRequest", "Total tokens of image and text exceed max message tokens."),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "InternalServiceError", "InternalServerError", "The service encountered an unexpected internal error."),
            _ => (HttpStatusCode.BadRequest, "InvalidParameter", "BadRequest", "One or more parameters specified in the request are not valid."),
        };

        return JsonError(status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message + " Request id: " + id);
            w.WriteString("param", string.Empty);
            w.WriteString("type", type);
            w.WriteEndObject();
            w.WriteEndObject();
        })).WithHeader("X-Request-Id", id);
    }

    private static byte[] Chunk(ReplyContext context, string id, string model, string? finishReason, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            w.WriteNullableString("finish_reason", finishReason);
            w.WriteNumber("index", 0);
            w.WriteNull("logprobs");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteTail(w, context, id, model, "chat.completion.chunk");
            w.WriteNull("usage");
            w.WriteEndObject();
        });

    private static void WriteTail(Utf8JsonWriter w, ReplyContext context, string id, string model, string objectName, string? serviceTier = "default")
    {
        w.WriteNumber("created", context.Created);
        w.WriteString("id", id);
        w.WriteString("model", model);

        // The choices:[] usage chunk of a stream says service_tier null (fixture stream-thinking-include-usage.sse).
        w.WriteNullableString("service_tier", serviceTier);
        w.WriteString("object", objectName);
    }

    /// <summary>Non-stream tool calls: <c>function</c>, <c>id</c>, <c>type</c> and no <c>index</c> (fixture chat-tool-call.json).</summary>
    private static void WriteToolCalls(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids)
    {
        w.WriteStartArray("tool_calls");
        for (var i = 0; i < context.Reply.ToolCalls.Count; i++)
        {
            var call = context.Reply.ToolCalls[i];
            w.WriteStartObject();
            w.WriteStartObject("function");
            w.WriteString("arguments", call.Arguments);
            w.WriteString("name", call.Name);
            w.WriteEndObject();
            w.WriteString("id", ids[i]);
            w.WriteString("type", "function");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Streamed fragments (fixture stream-tool-call.sse): the header has function, id, index, type; the rest function.arguments and index.</summary>
    private static void WriteToolCallDelta(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids, Delta delta)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteStartObject("function");
        w.WriteString("arguments", delta.Kind == DeltaKind.ToolCallStart ? string.Empty : delta.Text);
        if (delta.Kind == DeltaKind.ToolCallStart)
        {
            w.WriteString("name", context.Reply.ToolCalls[delta.ToolIndex].Name);
        }

        w.WriteEndObject();
        if (delta.Kind == DeltaKind.ToolCallStart)
        {
            w.WriteString("id", ids[delta.ToolIndex]);
        }

        w.WriteNumber("index", delta.ToolIndex);
        if (delta.Kind == DeltaKind.ToolCallStart)
        {
            w.WriteString("type", "function");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", usage.Cached);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", usage.Reasoning);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
