using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Qwen in OpenAI-compatible mode (<c>POST {base}/compatible-mode/v1/chat/completions</c>): shapes as in
/// <c>tests/Payloads/qwen/compat-*</c> and docs/protocols/qwen.md — explicit nulls in every delta,
/// <c>usage:null</c> on every chunk and, only with include_usage, a last <c>choices:[]</c> usage chunk; <c>[DONE]</c> at the end.
/// </summary>
internal sealed class QwenCompatibleDialect : WireDialect
{
    public static readonly QwenCompatibleDialect Instance = new();

    public override SimulatedProtocol Protocol => SimulatedProtocol.QwenCompatible;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = "chatcmpl-" + WireIds.Uuid();
        var model = context.Model("qwen-plus");
        var toolIds = context.ToolCallIds(static (_, _) => "call_" + WireIds.Hex(22));
        var requestId = WireIds.Uuid();

        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithHeader("x-request-id", requestId).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteStartObject("message");
                if (context.HasToolCalls)
                {
                    w.WriteString("content", context.Reply.Text);
                    w.WriteNull("refusal");
                    w.WriteString("role", "assistant");
                    w.WriteNull("audio");
                    w.WriteNull("function_call");
                    WriteToolCalls(w, context, toolIds);
                }
                else
                {
                    w.WriteString("role", "assistant");
                    w.WriteString("content", context.Reply.Text);
                }

                if (context.HasReasoning)
                {
                    w.WriteString("reasoning_content", context.Reply.Reasoning);
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteNumber("index", 0);
                w.WriteNull("logprobs");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("object", "chat.completion");
                w.WriteStartObject("usage");
                w.WriteNumber("prompt_tokens", context.Usage.Input);
                w.WriteNumber("completion_tokens", context.Usage.Output);
                w.WriteNumber("total_tokens", context.Usage.Total);
                w.WriteStartObject("prompt_tokens_details");
                w.WriteNumber("cached_tokens", context.Usage.Cached);
                w.WriteEndObject();
                if (context.Usage.Reasoning > 0)
                {
                    w.WriteStartObject("completion_tokens_details");
                    w.WriteNumber("reasoning_tokens", context.Usage.Reasoning);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteNumber("created", context.Created);
                w.WriteNull("system_fingerprint");
                w.WriteString("model", model);
                w.WriteString("id", id);
                w.WriteEndObject();
            }));
        }

        var thinking = context.HasReasoning;
        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("x-request-id", requestId);
        stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, w =>
        {
            if (thinking)
            {
                // Thinking streams (fixture compat-stream-reasoning.sse) use a shorter delta than plain ones.
                w.WriteNull("content");
                w.WriteString("role", "assistant");
                w.WriteString("reasoning_content", string.Empty);
            }
            else
            {
                PlainDelta(w, string.Empty, "assistant", null);
            }
        })));

        foreach (var delta in context.Deltas())
        {
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, w =>
            {
                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteNull("content");
                        w.WriteString("reasoning_content", delta.Text);
                        break;
                    case DeltaKind.Content when thinking:
                        w.WriteString("content", delta.Text);
                        w.WriteNull("reasoning_content");
                        break;
                    case DeltaKind.Content:
                        PlainDelta(w, delta.Text, null, null);
                        break;
                    default:
                        PlainDelta(w, null, null, delta, context, toolIds);
                        break;
                }
            })));
        }

        stream.Segments.Add(Sse.Data(Chunk(context, id, model, context.FinishReason(), w =>
        {
            if (thinking)
            {
                w.WriteString("content", string.Empty);
                w.WriteNull("reasoning_content");
            }
            else
            {
                PlainDelta(w, string.Empty, null, null);
            }
        })));

        if (context.Request.IncludeUsage)
        {
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteChunkTail(w, context, model);
                w.WriteStartObject("usage");
                w.WriteNumber("completion_tokens", context.Usage.Output);
                w.WriteNumber("prompt_tokens", context.Usage.Input);
                w.WriteNumber("total_tokens", context.Usage.Total);
                if (context.Usage.Reasoning > 0)
                {
                    w.WriteStartObject("completion_tokens_details");
                    w.WriteNumber("reasoning_tokens", context.Usage.Reasoning);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("completion_tokens_details");
                }

                w.WriteStartObject("prompt_tokens_details");
                w.WriteNull("audio_tokens");
                w.WriteNumber("cached_tokens", context.Usage.Cached);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/qwen/compat-error-* and the compat codes in docs/protocols/qwen.md.
        var (status, type, code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided. "),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "access_denied", "access_denied", "Access denied."),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "limit_requests", "limit_requests", "Requests rate limit exceeded, please try again later."),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.BadRequest, "Arrearage", "Arrearage", "Access denied, please make sure your account is in good standing."),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "data_inspection_failed", "data_inspection_failed", "Input text data may contain inappropriate content."),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", $"The model `{context.Model}` does not exist or you do not have access to it."),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter_error", "Range of input length should be [1, 129024]"),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "internal_error", "internal_error", "An internal error has occured, please try again later or contact service support."),
            _ => (HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter_error", "Role must be user or assistant and Content length must be greater than 0"),
        };

        var requestId = WireIds.Uuid();
        return JsonError(status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteNull("param");
            w.WriteString("code", code);
            w.WriteEndObject();
            if (context.Kind != LlmErrorKind.ContentFiltered)
            {
                // The observed data_inspection_failed body (fixture compat-error-400-data-inspection.json) has no request_id.
                w.WriteString("request_id", requestId);
            }

            w.WriteEndObject();
        })).WithHeader("x-request-id", requestId);
    }

    private static void PlainDelta(Utf8JsonWriter w, string? content, string? role, Delta? toolDelta, ReplyContext? context = null, IReadOnlyList<string>? toolIds = null)
    {
        w.WriteNullableString("content", content);
        w.WriteNull("function_call");
        w.WriteNull("refusal");
        w.WriteNullableString("role", role);
        if (toolDelta is { } delta)
        {
            OpenAiShapes.WriteToolCallDelta(w, context!, toolIds!, delta);
        }
        else
        {
            w.WriteNull("tool_calls");
        }
    }

    private static byte[] Chunk(ReplyContext context, string id, string model, string? finishReason, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
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
            WriteChunkTail(w, context, model);
            w.WriteNull("usage");
            w.WriteEndObject();
        });

    private static void WriteChunkTail(Utf8JsonWriter w, ReplyContext context, string model)
    {
        w.WriteNumber("created", context.Created);
        w.WriteString("model", model);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNull("service_tier");
        w.WriteNull("system_fingerprint");
    }

    private static void WriteToolCalls(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids)
    {
        // Key order of fixture compat-tool-call.json: id, function{arguments, name}, type, index.
        w.WriteStartArray("tool_calls");
        for (var i = 0; i < context.Reply.ToolCalls.Count; i++)
        {
            var call = context.Reply.ToolCalls[i];
            w.WriteStartObject();
            w.WriteString("id", ids[i]);
            w.WriteStartObject("function");
            w.WriteString("arguments", call.Arguments);
            w.WriteString("name", call.Name);
            w.WriteEndObject();
            w.WriteString("type", "function");
            w.WriteNumber("index", i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
