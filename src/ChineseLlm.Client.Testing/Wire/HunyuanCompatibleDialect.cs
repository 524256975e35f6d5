using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Hunyuan's OpenAI-compatible endpoint (<c>POST {base}/v1/chat/completions</c>, bearer API key): the plain OpenAI
/// Chat Completions shapes (shared/protocols/doubao-hunyuan.md §3), usage on the finish chunk, <c>[DONE]</c> at the end,
/// and errors in the OpenAI <c>{"error":{…}}</c> envelope carrying the native Hunyuan codes.
/// </summary>
internal sealed class HunyuanCompatibleDialect : WireDialect
{
    public static readonly HunyuanCompatibleDialect Instance = new();

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
                    OpenAiShapes.WriteToolCalls(w, context, toolIds, withIndex: true);
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteEndObject();
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("X-TC-RequestId", id);
        var deltas = context.Deltas();
        for (var i = 0; i <= deltas.Count; i++)
        {
            var last = i == deltas.Count;
            var delta = last ? (Delta?)null : deltas[i];
            var first = i == 0;
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, context, id, model, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                if (first)
                {
                    w.WriteString("role", "assistant");
                }

                switch (delta?.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteString("reasoning_content", delta.Value.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Value.Text);
                        break;
                    case null:
                        w.WriteString("content", string.Empty);
                        break;
                    default:
                        OpenAiShapes.WriteToolCallDelta(w, context, toolIds, delta.Value);
                        break;
                }

                w.WriteEndObject();
                w.WriteNullableString("finish_reason", last ? context.FinishReason() : null);
                w.WriteEndObject();
                w.WriteEndArray();
                if (last)
                {
                    WriteUsage(w, context.Usage);
                }

                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        var (status, code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "AuthFailure", "Incorrect API key provided."),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "AuthFailure.UnauthorizedOperation", "The request is not authorized."),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "FailedOperation.EngineServerLimitExceeded", "引擎层请求超过限额；请稍后重试。"),
            LlmErrorKind.QuotaExceeded => ((HttpStatusCode)429, "FailedOperation.ResourcePackExhausted", "资源包余量已用尽，请购买资源包或开通后付费。"),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "OperationDenied.TextIllegalDetected", "文本包含违法违规信息，审核不通过。"),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "InvalidParameterValue.Model", "模型不存在。"),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "InvalidParameterValue.ParameterValueError", "参数字段或者值有误：Messages 总长度超过模型输入长度上限。"),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "FailedOperation.EngineServerError", "引擎层内部错误；请稍后重试。"),
            _ => (HttpStatusCode.BadRequest, "InvalidParameter", "参数错误。"),
        };

        return JsonError(status, OpenAiShapes.ErrorEnvelope(message, "invalid_request_error", writeParam: true, code));
    }

    private static void WriteHead(Utf8JsonWriter w, ReplyContext context, string id, string model, string objectName)
    {
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", context.Created);
        w.WriteString("model", model);
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
