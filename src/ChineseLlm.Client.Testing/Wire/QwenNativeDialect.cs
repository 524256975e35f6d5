using System.Net;
using System.Text;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Qwen on DashScope, native protocol (<c>POST {base}/services/aigc/text-generation/generation</c>): shapes as in
/// <c>tests/Payloads/qwen/native-*</c> and docs/protocols/qwen.md — <c>output.choices</c> with
/// <c>result_format: message</c> (else <c>output.text</c>), <c>id:</c>/<c>event:result</c>/<c>:HTTP_STATUS/200</c> events,
/// <c>finish_reason</c> the string <c>"null"</c> until the end, cumulative usage in every event, no <c>[DONE]</c>,
/// and errors inside the stream as <c>event:error</c> with HTTP 200.
/// </summary>
internal sealed class QwenNativeDialect : WireDialect
{
    private const string StreamType = "text/event-stream;charset=UTF-8";

    public override SimulatedProtocol Protocol => SimulatedProtocol.QwenNative;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var requestId = WireIds.Uuid();
        var toolIds = context.ToolCallIds(static (_, _) => "call_" + WireIds.Hex(22));
        var messageFormat = context.Request.QwenMessageFormat;

        if (!context.Request.IsStreaming)
        {
            return Headers(new ResponsePlan { ContentType = JsonType }, requestId).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("output");
                if (messageFormat)
                {
                    w.WriteStartArray("choices");
                    w.WriteStartObject();
                    w.WriteString("finish_reason", context.FinishReason());
                    SharedShapes.WriteMessage(w, context, toolIds, MessageSpelling.Snake);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                else
                {
                    // Quirk (docs/protocols/qwen.md): without result_format "message" the answer comes as output.text.
                    w.WriteString("finish_reason", context.FinishReason());
                    w.WriteString("text", context.Reply.Text);
                }

                w.WriteEndObject();
                WriteUsage(w, context.Usage);
                w.WriteString("request_id", requestId);
                w.WriteEndObject();
            }));
        }

        var stream = Headers(new ResponsePlan { ContentType = StreamType, IsStream = true }, requestId);
        var deltas = context.Deltas();
        var events = new List<List<Delta>>();
        for (var i = 0; i < deltas.Count; i++)
        {
            // The first fragment of a tool call carries its id, name and the first piece of the arguments together.
            if (deltas[i].Kind == DeltaKind.ToolCallStart && i + 1 < deltas.Count
                && deltas[i + 1].Kind == DeltaKind.ToolCallArguments && deltas[i + 1].ToolIndex == deltas[i].ToolIndex)
            {
                events.Add([deltas[i], deltas[i + 1]]);
                i++;
            }
            else
            {
                events.Add([deltas[i]]);
            }
        }

        // A reply with tool calls ends on its last fragment; any other reply ends with an empty event.
        var endsOnLastFragment = context.HasToolCalls && events.Count > 0;
        var total = endsOnLastFragment ? events.Count : events.Count + 1;
        var soFar = new StringBuilder();
        var reasoningSoFar = new StringBuilder();
        for (var n = 0; n < total; n++)
        {
            var group = n < events.Count ? events[n] : [];
            var last = n == total - 1;
            var content = string.Concat(group.Where(d => d.Kind == DeltaKind.Content).Select(d => d.Text));
            var reasoning = string.Concat(group.Where(d => d.Kind == DeltaKind.Reasoning).Select(d => d.Text));
            soFar.Append(content);
            reasoningSoFar.Append(reasoning);
            if (!context.Request.QwenIncremental)
            {
                // incremental_output false: every event carries everything generated so far.
                content = soFar.ToString();
                reasoning = reasoningSoFar.ToString();
            }

            var usage = context.Usage.After(n + 1, total);
            var finish = last ? context.FinishReason() : "null";
            stream.Segments.Add(Sse.DashScope(n + 1, "result", 200, Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("output");
                if (messageFormat)
                {
                    w.WriteStartArray("choices");
                    w.WriteStartObject();
                    w.WriteStartObject("message");
                    w.WriteString("content", content);
                    if (context.HasReasoning)
                    {
                        w.WriteString("reasoning_content", reasoning);
                    }

                    WriteToolCallFragments(w, context, toolIds, group);
                    w.WriteString("role", "assistant");
                    w.WriteEndObject();
                    if (context.HasToolCalls)
                    {
                        w.WriteNumber("index", 0);
                    }

                    w.WriteString("finish_reason", finish);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteString("finish_reason", finish);
                    w.WriteString("text", content);
                }

                w.WriteEndObject();
                WriteUsage(w, usage);
                w.WriteString("request_id", requestId);
                w.WriteEndObject();
            })));
        }

        return stream;
    }

    /// <summary>Quirk (docs/protocols/qwen.md): in a stream the error is an <c>event:error</c> frame carrying its status in a comment.</summary>
    public override WireSegment StreamError(ErrorContext context)
    {
        var streaming = new ErrorContext { Request = context.Request, Kind = context.Kind, Now = context.Now, ForceInStream = true };
        return ProviderError(streaming).Segments.Single(s => s.IsEvent) with { };
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/qwen/native-error-* and the code table in docs/protocols/qwen.md (help.aliyun.com/zh/model-studio/error-code).
        var (status, code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "InvalidApiKey", "Invalid API-key provided."),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "AccessDenied", "Access denied."),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.BadRequest, "Arrearage", "Access denied, please make sure your account is in good standing."),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "DataInspectionFailed", "Input data may contain inappropriate content."),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "ModelNotFound", $"The model {context.Model} does not exist or you do not have access to it."),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "InvalidParameter", "Range of input length should be [1, 129024]"),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "InternalError", "An internal error has occured, please try again later or contact service support."),
            _ => (HttpStatusCode.BadRequest, "InvalidParameter", "Role must be user or assistant and Content length must be greater than 0"),
        };

        if (context.Kind == LlmErrorKind.RateLimited && (context.Request.IsStreaming || context.ForceInStream))
        {
            // The throttling seen mid-stream (fixture native-stream-error-429.sse) is the TPM quota, not the RPM one.
            (code, message) = ("Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.");
        }

        var requestId = WireIds.Uuid();
        var json = Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteString("request_id", requestId);
            w.WriteEndObject();
        });

        if (context.ForceInStream || (context.Request.IsStreaming && status != HttpStatusCode.Unauthorized))
        {
            // Quirk (docs/protocols/qwen.md): once a stream is accepted, errors arrive as an event:error frame with HTTP 200.
            var plan = Headers(new ResponsePlan { ContentType = StreamType, IsStream = true }, requestId);
            plan.Segments.Add(Sse.DashScope(1, "error", (int)status, json));
            return plan;
        }

        // Quirk (tests/Payloads/qwen/README.md): the captured 401 had no Content-Type header.
        return Headers(JsonError(status, json, status == HttpStatusCode.Unauthorized ? null : JsonType), requestId);
    }

    private static ResponsePlan Headers(ResponsePlan plan, string requestId) =>
        plan.WithHeader("x-request-id", requestId).WithHeader("x-dashscope-call-gateway", "true");

    private static void WriteToolCallFragments(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids, List<Delta> group)
    {
        var start = group.FirstOrDefault(d => d.Kind == DeltaKind.ToolCallStart);
        var args = group.FirstOrDefault(d => d.Kind == DeltaKind.ToolCallArguments);
        var isStart = group.Any(d => d.Kind == DeltaKind.ToolCallStart);
        var isArgs = group.Any(d => d.Kind == DeltaKind.ToolCallArguments);
        if (!isStart && !isArgs)
        {
            return;
        }

        // Quirk (docs/protocols/qwen.md): continuation fragments carry "id":"" and no name.
        var index = isStart ? start.ToolIndex : args.ToolIndex;
        SharedShapes.WriteToolCallFragment(
            w,
            MessageSpelling.Snake,
            index,
            isStart ? ids[index] : string.Empty,
            isStart ? context.Reply.ToolCalls[index].Name : null,
            isArgs ? args.Text : string.Empty);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteNumber("input_tokens", usage.Input);
        w.WriteNumber("output_tokens", usage.Output);
        if (usage.Reasoning > 0)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("reasoning_tokens", usage.Reasoning);
            w.WriteEndObject();
        }

        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", usage.Cached);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
