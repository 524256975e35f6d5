using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Hunyuan on Tencent Cloud API 3.0 (<c>POST /</c> with <c>X-TC-Action: ChatCompletions</c>): PascalCase shapes as in
/// docs/protocols/hunyuan.md and the <c>tencentcloud/hunyuan/v20230901</c> models — the reply wrapped in
/// <c>Response</c>, streams of bare chunks with running usage and no <c>[DONE]</c>, the request id in
/// <c>X-TC-RequestId</c>, and every error as <c>Response.Error</c> with HTTP 200 (JSON even for stream requests).
/// </summary>
internal sealed class HunyuanNativeDialect : WireDialect
{
    /// <summary>The disclaimer Hunyuan puts in every response.</summary>
    private const string Note = Vendors.HunyuanCompatibleWire.Note;

    public override SimulatedProtocol Protocol => SimulatedProtocol.HunyuanNative;

    public override bool IsAuthenticated(HttpRequestMessage request) =>
        RawAuthorization(request) is { } auth
        && auth.StartsWith("TC3-HMAC-SHA256 ", StringComparison.Ordinal)
        && auth.Contains("Credential=", StringComparison.Ordinal)
        && auth.Contains("Signature=", StringComparison.Ordinal);

    public override ResponsePlan Reply(ReplyContext context)
    {
        var requestId = WireIds.Uuid();
        var toolIds = context.ToolCallIds(static (_, _) => "call_" + WireIds.Alnum(20));
        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("Response");
                w.WriteString("RequestId", requestId);
                w.WriteString("Note", Note);
                w.WriteStartArray("Choices");
                w.WriteStartObject();
                w.WriteNumber("Index", 0);
                SharedShapes.WriteMessage(w, context, toolIds, MessageSpelling.Pascal);
                w.WriteString("FinishReason", context.FinishReason());
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("Created", context.Created);
                w.WriteString("Id", requestId);
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("X-TC-RequestId", requestId);

        // Quirk (fixture native-stream-tool-call.sse): tool calls are merged by Id; the first fragment carries the name and
        // empty arguments, the second an empty name and the arguments.
        var deltas = context.DeltasWithWholeArguments();
        var total = deltas.Count + 1;
        for (var i = 0; i <= deltas.Count; i++)
        {
            var last = i == deltas.Count;
            var delta = last ? (Delta?)null : deltas[i];
            var usage = context.Usage.After(i + 1, total);
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("Note", Note);
                w.WriteStartArray("Choices");
                w.WriteStartObject();
                w.WriteNumber("Index", 0);
                w.WriteString("FinishReason", last ? context.FinishReason() : string.Empty);
                w.WriteStartObject("Delta");
                w.WriteString("Role", "assistant");
                if (delta is { Kind: DeltaKind.Reasoning } r)
                {
                    w.WriteString("ReasoningContent", r.Text);
                }

                w.WriteString("Content", delta is { Kind: DeltaKind.Content } c ? c.Text : string.Empty);
                if (delta is { Kind: DeltaKind.ToolCallStart or DeltaKind.ToolCallArguments } t)
                {
                    var call = context.Reply.ToolCalls[t.ToolIndex];
                    var start = t.Kind == DeltaKind.ToolCallStart;
                    SharedShapes.WriteToolCallFragment(w, MessageSpelling.Pascal, null, toolIds[t.ToolIndex], start ? call.Name : string.Empty, start ? string.Empty : call.Arguments);
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("Created", context.Created);
                w.WriteString("Id", requestId);
                WriteUsage(w, usage, details: usage.Cached > 0);
                w.WriteEndObject();
            })));
        }

        return stream;
    }

    /// <summary>
    /// In a stream the failure is a chunk with <c>ErrorMsg</c> (fixture native-stream-error-midstream.sse; the SDK documents
    /// code 4000 internal error and 4001 model timeout).
    /// </summary>
    public override WireSegment StreamError(ErrorContext context) => Sse.Data(Json.Write(w =>
    {
        var timeout = context.Kind == LlmErrorKind.Timeout;
        w.WriteStartObject();
        w.WriteString("Note", Note);
        w.WriteStartArray("Choices");
        w.WriteStartObject();
        w.WriteStartObject("Delta");
        w.WriteString("Role", "assistant");
        w.WriteString("Content", string.Empty);
        w.WriteEndObject();
        w.WriteString("FinishReason", string.Empty);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNumber("Created", context.Now.ToUnixTimeSeconds());
        w.WriteString("Id", WireIds.Uuid());
        w.WriteStartObject("ErrorMsg");
        w.WriteString("Msg", timeout ? "请求模型超时" : "模型内部错误");
        w.WriteNumber("Code", timeout ? 4001 : 4000);
        w.WriteEndObject();
        w.WriteEndObject();
    }));

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/hunyuan/native-error-* (tencentcloud-sdk-python tencentcloud/hunyuan/v20230901/errorcodes.py
        // and the API 3.0 error envelope, tencentcloud.com/document/product/1284/75543).
        var (code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => ("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct."),
            LlmErrorKind.PermissionDenied => ("AuthFailure.UnauthorizedOperation", "The request is not authorized. Please check the CAM documentation."),
            LlmErrorKind.RateLimited => ("FailedOperation.EngineServerLimitExceeded", "引擎层请求超过限额；请稍后重试。"),
            LlmErrorKind.QuotaExceeded => ("FailedOperation.ResourcePackExhausted", "资源包余量已用尽，请购买资源包或开通后付费。"),
            LlmErrorKind.ContentFiltered => ("OperationDenied.TextIllegalDetected", "文本包含违法违规信息，审核不通过。"),
            LlmErrorKind.ModelNotFound => ("InvalidParameterValue.Model", "模型不存在。"),
            // Hunyuan has no context-length code; an over-long input is a parameter value error.
            LlmErrorKind.ContextLengthExceeded => ("InvalidParameterValue.ParameterValueError", "参数字段或者值有误：Messages 总长度超过模型输入长度上限。"),
            LlmErrorKind.ServerError => ("FailedOperation.EngineServerError", "引擎层内部错误；请稍后重试。"),
            _ => ("InvalidParameter", "参数错误。"),
        };

        return JsonError(HttpStatusCode.OK, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("Response");
            w.WriteStartObject("Error");
            w.WriteString("Code", code);
            w.WriteString("Message", message);
            w.WriteEndObject();
            w.WriteString("RequestId", WireIds.Uuid());
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage, bool details = true)
    {
        w.WriteStartObject("Usage");
        w.WriteNumber("PromptTokens", usage.Input);
        w.WriteNumber("CompletionTokens", usage.Output);
        w.WriteNumber("TotalTokens", usage.Total);
        if (details)
        {
            // The captured streams carry no PromptTokensDetails; the SDK's Usage model has it, so streams send it on a cache hit.
            w.WriteStartObject("PromptTokensDetails");
            w.WriteNumber("CachedTokens", usage.Cached);
            w.WriteEndObject();
        }


        w.WriteEndObject();
    }
}
