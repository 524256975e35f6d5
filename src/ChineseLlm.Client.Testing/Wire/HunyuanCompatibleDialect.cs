using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Hunyuan's OpenAI-compatible endpoint (<c>POST {base}/v1/chat/completions</c>, bearer API key): shapes as in
/// <c>tests/Payloads/hunyuan/compat-*</c> — OpenAI Chat Completions plus <c>note</c> and an empty
/// <c>system_fingerprint</c>, a running <c>usage</c> on every stream chunk, tool-call fragments that repeat
/// <c>index</c> and <c>id</c> (Hunyuan merges by id), <c>[DONE]</c> at the end, and errors as
/// <c>{"error":{"id","message","type","param","code"}}</c> with HTTP 4xx/5xx.
/// </summary>
internal sealed class HunyuanCompatibleDialect : WireDialect
{
    public static readonly HunyuanCompatibleDialect Instance = new();

    private const string Note = "以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记";

    public override SimulatedProtocol Protocol => SimulatedProtocol.HunyuanCompatible;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = WireIds.Hex(32);
        var model = context.Model("hunyuan-turbos-latest");
        var toolIds = context.ToolCallIds(static (_, _) => "call_" + WireIds.Alnum(20));
        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithHeader("X-TC-RequestId", id).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, context, id, model, "chat.completion");
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
                    OpenAiShapes.WriteToolCalls(w, context, toolIds, withIndex: false);
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteEndObject();
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteString("note", Note);
                w.WriteEndObject();
            }));
        }

        // Tool calls go out as two fragments merged by id: name with empty arguments, then an empty name with the arguments.
        var deltas = new List<Delta>();
        foreach (var d in context.Deltas())
        {
            if (d.Kind == DeltaKind.ToolCallStart)
            {
                deltas.Add(d);
                deltas.Add(new Delta(DeltaKind.ToolCallArguments, context.Reply.ToolCalls[d.ToolIndex].Arguments, d.ToolIndex));
            }
            else if (d.Kind != DeltaKind.ToolCallArguments)
            {
                deltas.Add(d);
            }
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("X-TC-RequestId", id);
        var total = deltas.Count + 1;
        for (var i = 0; i <= deltas.Count; i++)
        {
            var last = i == deltas.Count;
            var delta = last ? (Delta?)null : deltas[i];
            var usage = context.Usage.After(i + 1, total);
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, context, id, model, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                w.WriteString("role", "assistant");
                if (delta is { Kind: DeltaKind.Reasoning } r)
                {
                    w.WriteString("reasoning_content", r.Text);
                }

                w.WriteString("content", delta is { Kind: DeltaKind.Content } c ? c.Text : string.Empty);
                if (delta is { Kind: DeltaKind.ToolCallStart or DeltaKind.ToolCallArguments } t)
                {
                    var start = t.Kind == DeltaKind.ToolCallStart;
                    w.WriteStartArray("tool_calls");
                    w.WriteStartObject();
                    w.WriteNumber("index", t.ToolIndex);
                    w.WriteString("id", toolIds[t.ToolIndex]);
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", start ? context.Reply.ToolCalls[t.ToolIndex].Name : string.Empty);
                    w.WriteString("arguments", start ? string.Empty : t.Text);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteNullableString("finish_reason", last ? context.FinishReason() : null);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("note", Note);
                WriteUsage(w, usage);
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/hunyuan/compat-error-* for 401 and 400 ("1001"); the other rows carry the native codes
        // (the compatible endpoint's own codes for them are not documented).
        var (status, code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "invalid_api_key", "Incorrect API key provided"),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "AuthFailure.UnauthorizedOperation", "The request is not authorized."),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "FailedOperation.EngineServerLimitExceeded", "引擎层请求超过限额；请稍后重试。"),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.PaymentRequired, "FailedOperation.ResourcePackExhausted", "资源包余量已用尽，请购买资源包或开通后付费。"),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "OperationDenied.TextIllegalDetected", "文本包含违法违规信息，审核不通过。"),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "InvalidParameterValue.Model", "模型不存在。"),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "InvalidParameterValue.ParameterValueError", "Messages exceed the maximum context length of the model."),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "FailedOperation.EngineServerError", "引擎层内部错误；请稍后重试。"),
            _ => (HttpStatusCode.BadRequest, "1001", "messages 中 user（tool） 和 assistant 角色需交替出现 (一问一答)，以 user 提问开始， user（tool）提问结束, tool 可以连续出现多次"),
        };

        // The fixtures show type invalid_request_error for 400/401; for the other kinds the OpenAI types are used.
        var type = context.Kind switch
        {
            LlmErrorKind.PermissionDenied => "permission_error",
            LlmErrorKind.RateLimited => "rate_limit_error",
            LlmErrorKind.QuotaExceeded => "insufficient_quota",
            LlmErrorKind.ServerError => "server_error",
            _ => "invalid_request_error",
        };

        return JsonError(status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("id", WireIds.Hex(32));
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteNull("param");
            w.WriteString("code", code);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteHead(Utf8JsonWriter w, ReplyContext context, string id, string model, string objectName)
    {
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", context.Created);
        w.WriteString("model", model);
        w.WriteString("system_fingerprint", string.Empty);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteEndObject();
    }
}
