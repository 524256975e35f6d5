using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// ERNIE on Qianfan v2 (<c>POST {base}/v2/chat/completions</c>): shapes as in <c>tests/Payloads/ernie/v2-*</c> and
/// docs/protocols/ernie.md — a <c>flag</c> safety field per choice, tool-call ids without <c>call_</c>,
/// <c>usage:null</c> on chunks with a last <c>choices:[]</c> usage chunk only with include_usage, errors with <c>id</c>.
/// </summary>
internal sealed class ErnieV2Dialect : WireDialect
{
    public static readonly ErnieV2Dialect Instance = new();

    public override SimulatedProtocol Protocol => SimulatedProtocol.ErnieV2;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = "as-" + WireIds.Alnum(10);
        var model = context.Model("ernie-4.5-turbo-128k");
        var toolIds = context.ToolCallIds(static (_, _) => WireIds.Hex(32));

        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithHeader("X-Baidu-Request-Id", id).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "chat.completion");
                w.WriteNumber("created", context.Created);
                w.WriteString("model", model);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", context.Reply.Text);
                if (context.HasReasoning)
                {
                    w.WriteString("reasoning_content", context.Reply.Reasoning);
                }

                if (context.HasToolCalls)
                {
                    // Quirk (docs/protocols/ernie.md): non-stream tool calls carry no index.
                    OpenAiShapes.WriteToolCalls(w, context, toolIds, withIndex: false);
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteNumber("flag", 0);
                w.WriteEndObject();
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("X-Baidu-Request-Id", id);
        var deltas = context.Deltas();
        if (deltas.Count == 0)
        {
            deltas.Add(new Delta(DeltaKind.Content, string.Empty));
        }

        // Chunks count: the deltas, the finish chunk; cumulative usage (chunk_include_usage) grows over them.
        var total = deltas.Count + 1;
        for (var i = 0; i < deltas.Count; i++)
        {
            var delta = deltas[i];
            var first = i == 0;
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, context.Usage.After(i + 1, total), w =>
            {
                if (first)
                {
                    w.WriteString("role", "assistant");
                }

                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteString("reasoning_content", delta.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Text);
                        break;
                    default:
                        OpenAiShapes.WriteToolCallDelta(w, context, toolIds, delta);
                        break;
                }
            })));
        }

        stream.Segments.Add(Sse.Data(Chunk(context, id, model, context.FinishReason(), context.Usage, static w => w.WriteString("content", string.Empty))));
        if (context.Request.IncludeUsage)
        {
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteChunkHeader(w, context, id, model);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/ernie/v2-error-* and the v2 table in docs/protocols/ernie.md (cloud.baidu.com/doc/qianfan-api/s/Om9b4yj3w).
        var (status, code, type, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "invalid_iam_token", "invalid_request_error", "IAM Certification failed"),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Unauthorized, "invalid_appid", "invalid_request_error", "No permission to use the appid"),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM"),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.Forbidden, "account_overdue", "access_denied", "Access denied due to overdue account"),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.Forbidden, "system_unsafe", "unsafe_request", "the content of system field is invalid"),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.Unauthorized, "invalid_model", "invalid_request_error", "The model does not exist or you do not have access to it."),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "tokens_too_long", "invalid_request_error", "Prompt tokens too long"),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "internal_error", "Internal_error", "Internal error"),
            _ => (HttpStatusCode.BadRequest, "malformed_json", "invalid_request_error", "Invalid Argument"),
        };

        var id = "as-" + WireIds.Alnum(10);
        return JsonError(status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteEndObject();
            w.WriteString("id", id);
            w.WriteEndObject();
        })).WithHeader("X-Baidu-Request-Id", id);
    }

    private static byte[] Chunk(ReplyContext context, string id, string model, string? finishReason, UsageNumbers usageSoFar, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            WriteChunkHeader(w, context, id, model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            w.WriteNullableString("finish_reason", finishReason);
            w.WriteNumber("flag", 0);
            w.WriteEndObject();
            w.WriteEndArray();
            if (context.Request.ChunkIncludeUsage)
            {
                // stream_options.chunk_include_usage: cumulative usage on every chunk.
                WriteUsage(w, usageSoFar);
            }
            else
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    private static void WriteChunkHeader(Utf8JsonWriter w, ReplyContext context, string id, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", context.Created);
        w.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        if (usage.Cached > 0)
        {
            // Documented (docs/protocols/ernie.md) but absent from the fixtures, so only sent when there is a cache hit.
            w.WriteStartObject("prompt_tokens_details");
            w.WriteNumber("cached_tokens", usage.Cached);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
