using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire.OpenAiStyle;

/// <summary>
/// The one writer of the OpenAI Chat Completions shape — the JSON body, the SSE chunks, usage, tool calls, reasoning and
/// the <c>{"error":{…}}</c> envelope — for every vendor that speaks it; what differs between vendors comes from their
/// <see cref="OpenAiVendor"/> facts. It writes with <see cref="Utf8JsonWriter"/> and shares nothing with the client's
/// DTOs, so a client that misreads the format still fails against it.
/// </summary>
internal sealed class OpenAiStyleDialect : WireDialect
{
    private readonly OpenAiVendor _vendor;

    public OpenAiStyleDialect(OpenAiVendor vendor) => _vendor = vendor;

    public override SimulatedProtocol Protocol => _vendor.Protocol;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var v = _vendor;
        var reply = new Writing(context, v.NewId(context.Now), context.Model(v.DefaultModel), context.ToolCallIds(v.NewToolCallId), v.SystemFingerprint?.Invoke());
        var requestId = v.RequestId(reply.Id);
        return context.Request.IsStreaming ? Stream(reply, requestId) : Body(reply, requestId);
    }

    /// <summary>
    /// A flat-error vendor (a vLLM server) reports a failure inside a stream as an OpenAI-style <c>{"error":{…}}</c> event
    /// carrying its own code (docs/protocols/pangu.md); the others send their error body.
    /// </summary>
    public override WireSegment StreamError(ErrorContext context)
    {
        if (!_vendor.ErrorEnvelope.Flat)
        {
            return base.StreamError(context);
        }

        var row = _vendor.Errors(context);
        return Sse.Data(SharedShapes.ErrorEnvelope(row.Message, "server_error", writeParam: false, code: row.Code));
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        var v = _vendor;
        var row = v.Errors(context);
        if (context.Kind == LlmErrorKind.ServerError && v.PlainTextServerError is { } text)
        {
            var plain = new ResponsePlan { Status = row.Status, ContentType = "text/plain; charset=utf-8" };
            plain.Segments.Add(new WireSegment(Encoding.UTF8.GetBytes(text), IsEvent: false));
            return plain;
        }

        var e = v.ErrorEnvelope;
        var id = v.RequestId(v.NewId(context.Now));
        if (row.InBody && v.BaseResp)
        {
            return JsonError(HttpStatusCode.OK, Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteNull("choices");
                w.WriteNumber("created", context.Now.ToUnixTimeSeconds());
                w.WriteString("model", context.Model);
                w.WriteString("object", "chat.completion");
                w.WriteStartObject("usage");
                w.WriteNumber("total_tokens", 0);
                w.WriteNumber("total_characters", 0);
                w.WriteEndObject();
                v.ExtraFields?.Invoke(w);
                WriteBaseResp(w, int.Parse(row.Code!, CultureInfo.InvariantCulture), row.Message);
                w.WriteEndObject();
            }), v.JsonContentType);
        }

        if (row.InBody)
        {
            return JsonError(HttpStatusCode.OK, Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", int.Parse(row.Code!, CultureInfo.InvariantCulture));
                w.WriteString("message", row.Message);
                w.WriteString("sid", id);
                w.WriteEndObject();
            }), v.JsonContentType);
        }

        if (e.Flat)
        {
            var flat = JsonError(row.Status, Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("error_code", row.Code);
                w.WriteString("error_msg", row.Message);
                if (e.TopLevelRequestId is { } idName && !e.NoRequestIdFor.Contains(context.Kind))
                {
                    w.WriteString(idName, id);
                }

                w.WriteEndObject();
            }), v.JsonContentType);
            return v.RequestIdHeader is { } h ? flat.WithHeader(h, id) : flat;
        }

        var plan = JsonError(row.Status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            if (e.ErrorId)
            {
                w.WriteString("id", WireIds.Hex(32));
            }

            w.WriteString("message", e.MessageSuffix is { } suffix ? row.Message + string.Format(CultureInfo.InvariantCulture, suffix, id) : row.Message);
            if (e.Type)
            {
                w.WriteString("type", row.Type);
            }

            if (e.Param == ErrorEnvelope.NullParam)
            {
                w.WriteNull("param");
            }
            else if (e.Param is { } param)
            {
                w.WriteString("param", param);
            }

            if (e.Code && row.Code is { } code)
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
            if (e.TopLevelRequestId is { } field && !e.NoRequestIdFor.Contains(context.Kind))
            {
                w.WriteString(field, id);
            }

            w.WriteEndObject();
        }), v.JsonContentType);
        return e.RequestIdHeader && v.RequestIdHeader is { } header ? plan.WithHeader(header, id) : plan;
    }

    private ResponsePlan Body(Writing r, string requestId)
    {
        var v = _vendor;
        var context = r.Context;
        var plan = WithRequestId(new ResponsePlan { ContentType = v.JsonContentType }, requestId);
        if (v.KeepAlives && context.Reply.KeepAlives is > 0 and var blank)
        {
            // While queued, a non-stream request receives blank lines before the JSON (docs/protocols/deepseek.md).
            plan.Segments.Add(new WireSegment(Encoding.ASCII.GetBytes(new string('\n', blank)), IsEvent: false));
        }

        return plan.WithJsonBody(Json.Write(w =>
        {
            w.WriteStartObject();
            WriteHead(w, r, "chat.completion", chunk: false);
            if (v.IdField is { } idField)
            {
                w.WriteString(idField, r.Id);
            }

            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            WriteMessageContent(w, context);
            if (v.NullRefusalBesideReasoning && context.HasReasoning && !context.HasToolCalls)
            {
                w.WriteNull("refusal");
            }

            if (v.MessageName is { } name)
            {
                w.WriteString("name", name);
            }

            if (context.HasReasoning)
            {
                WriteReasoning(w, context.Reply.Reasoning!);
            }

            if (context.HasToolCalls)
            {
                if (v.SdkNulls)
                {
                    w.WriteNull("refusal");
                    w.WriteNull("audio");
                    w.WriteNull("function_call");
                }

                SharedShapes.WriteToolCalls(w, context, r.ToolIds, v.ToolCallIndexInMessage, MessageSpelling.Snake);
            }
            else if (v.VllmFields)
            {
                w.WriteStartArray("tool_calls");
                w.WriteEndArray();
            }

            w.WriteEndObject();
            if (v.NoFinishReason && !context.HasToolCalls)
            {
                WriteChoiceTail(w, finishReason: null, omitFinishReason: true);
            }
            else
            {
                WriteChoiceTail(w, context.FinishReason());
            }

            if (v.VllmFields)
            {
                w.WriteNull("stop_reason");
            }

            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, context.Usage, v.Usage);
            if (v.VllmFields)
            {
                w.WriteNull("prompt_logprobs");
            }

            v.ExtraFields?.Invoke(w);
            if (v.BaseResp)
            {
                WriteBaseResp(w, 0, string.Empty);
            }

            w.WriteEndObject();
        }));
    }

    private static void WriteBaseResp(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject("base_resp");
        w.WriteNumber("status_code", code);
        w.WriteString("status_msg", message);
        w.WriteEndObject();
    }

    private void WriteReasoning(Utf8JsonWriter w, string text)
    {
        if (!_vendor.ReasoningDetails)
        {
            w.WriteString("reasoning_content", text);
            return;
        }

        w.WriteStartArray("reasoning_details");
        w.WriteStartObject();
        w.WriteString("type", "reasoning.text");
        w.WriteString("id", "reasoning-text-1");
        w.WriteString("format", "MiniMax-response-v1");
        w.WriteNumber("index", 0);
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private ResponsePlan Stream(Writing r, string requestId)
    {
        var v = _vendor;
        var context = r.Context;
        var thinking = context.HasReasoning;
        var stream = WithRequestId(new ResponsePlan { ContentType = EventStreamType, IsStream = true }, requestId);
        if (v.KeepAlives)
        {
            for (var i = 0; i < (context.Reply.KeepAlives ?? 1); i++)
            {
                stream.Segments.Add(Sse.Comment("keep-alive"));
            }
        }

        var deltas = Fragments(context);
        var opens = v.Opener switch
        {
            StreamOpener.RoleChunk or StreamOpener.RoleOnlyChunk or StreamOpener.RoleOrReasoningChunk => true,
            StreamOpener.RoleChunkUnlessText => !thinking && (deltas.Count == 0 || deltas[0].Kind != DeltaKind.Content),
            _ => false,
        };
        if (v.Opener == StreamOpener.RoleOnFirstDelta && deltas.Count == 0)
        {
            deltas.Add(new Delta(DeltaKind.Content, string.Empty));
        }

        if (opens)
        {
            stream.Segments.Add(Data(Chunk(r, null, null, w =>
            {
                w.WriteString("role", "assistant");
                if (v.Opener == StreamOpener.RoleOnlyChunk)
                {
                    if (context.HasToolCalls && v.ContentWithToolCalls == BesideValue.Null)
                    {
                        w.WriteNull("content");
                    }
                }
                else if (thinking && v.Opener == StreamOpener.RoleOrReasoningChunk)
                {
                    w.WriteNull("content");
                    w.WriteString("reasoning_content", string.Empty);
                }
                else
                {
                    w.WriteString("content", string.Empty);
                    WriteSdkNulls(w, toolCalls: true, role: false);
                }
            })));
        }

        // Running usage (where the vendor sends it) grows over the delta chunks and the finish chunk.
        var endsOnText = v.FinishOnLastText && deltas.Count > 0 && deltas[^1].Kind == DeltaKind.Content;
        var total = endsOnText ? deltas.Count : deltas.Count + 1;
        for (var i = 0; i < deltas.Count; i++)
        {
            var delta = deltas[i];
            var first = i == 0;
            var role = v.RoleInEveryDelta || (first && v.Opener == StreamOpener.RoleOnFirstDelta);
            var finish = endsOnText && i == deltas.Count - 1 ? context.FinishReason() : null;
            stream.Segments.Add(Data(Chunk(r, finish, context.Usage.After(i + 1, total), w =>
            {
                if (role)
                {
                    w.WriteString("role", "assistant");
                }

                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        WriteBeside(w, "content", v.ContentBesideReasoning);
                        WriteReasoning(w, delta.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Text);
                        if (thinking && v.NullReasoningBesideContent)
                        {
                            w.WriteNull("reasoning_content");
                        }
                        else if (!thinking)
                        {
                            WriteSdkNulls(w, toolCalls: true, role: !role);
                        }

                        break;
                    default:
                        WriteBeside(w, "content", v.ContentBesideToolCalls);
                        WriteSdkNulls(w, toolCalls: false, role: !role);
                        WriteToolCallFragment(w, r, delta);
                        break;
                }
            })));
        }

        if (!endsOnText)
        {
            stream.Segments.Add(Data(FinishChunk(r)));
        }

        if (v.UsageChunk && context.Request.IncludeUsage)
        {
            // With include_usage a last choices:[] chunk carries the request's usage.
            stream.Segments.Add(Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, r, "chat.completion.chunk", chunk: true, usageChunk: true);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, context.Usage, v.UsageChunkUsage ?? v.Usage);
                v.ExtraFields?.Invoke(w);
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done(space: !v.DataWithoutSpace));
        return stream;
    }

    /// <summary>The finish chunk: its delta carries empty content (and the vendor's nulls), or nothing.</summary>
    private byte[] FinishChunk(Writing r)
    {
        var v = _vendor;
        var thinking = r.Context.HasReasoning;
        return Chunk(r, r.Context.FinishReason(), r.Context.Usage, w =>
        {
            if (v.EmptyFinishDelta)
            {
                return;
            }

            if (v.RoleInEveryDelta)
            {
                w.WriteString("role", "assistant");
            }

            w.WriteString("content", string.Empty);
            if (thinking && v.NullReasoningBesideContent)
            {
                w.WriteNull("reasoning_content");
            }
            else if (!thinking)
            {
                WriteSdkNulls(w, toolCalls: true, role: !v.RoleInEveryDelta);
            }
        });
    }

    private WireSegment Data(byte[] json) => Sse.Data(json, space: !_vendor.DataWithoutSpace);

    /// <summary>The deltas as this vendor fragments them: whole-argument vendors send one arguments fragment per call.</summary>
    private List<Delta> Fragments(ReplyContext context) =>
        _vendor.OneFragmentPerToolCall ? context.DeltasWithWholeArguments(inStart: true)
        : _vendor.WholeToolCallFragments ? context.DeltasWithWholeArguments()
        : context.Deltas();

    private byte[] Chunk(Writing r, string? finishReason, UsageNumbers? usageSoFar, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            var v = _vendor;
            var context = r.Context;
            w.WriteStartObject();
            WriteHead(w, r, "chat.completion.chunk", chunk: true);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            WriteChoiceTail(w, finishReason, omitFinishReason: v.NoFinishReason);
            if (finishReason is not null && v.StreamUsage == StreamUsage.FinishChoice)
            {
                WriteUsage(w, context.Usage, v.Usage);
            }

            w.WriteEndObject();
            w.WriteEndArray();

            var running = v.StreamUsage == StreamUsage.EveryChunk
                || (v.StreamUsage == StreamUsage.EveryChunkWhenAsked && context.Request.ChunkIncludeUsage);
            if (running && usageSoFar is { } soFar)
            {
                WriteUsage(w, soFar, v.Usage);
            }
            else if (finishReason is not null && v.StreamUsage == StreamUsage.FinishChunk)
            {
                WriteUsage(w, context.Usage, v.Usage);
            }
            else if (!running && (v.NullUsage == NullUsage.Always || (v.NullUsage == NullUsage.WithIncludeUsage && context.Request.IncludeUsage)))
            {
                w.WriteNull("usage");
            }

            v.ExtraFields?.Invoke(w);
            w.WriteEndObject();
        });

    private void WriteHead(Utf8JsonWriter w, Writing r, string objectName, bool chunk, bool usageChunk = false)
    {
        var v = _vendor;
        if (v.BusinessStatus)
        {
            w.WriteNumber("code", 0);
            w.WriteString("message", "Success");
            w.WriteString("sid", r.Id);
        }

        var fields = chunk ? v.ChunkHead : v.BodyHead;
        if (fields.HasFlag(HeadFields.Id))
        {
            w.WriteString("id", r.Id);
        }

        if (fields.HasFlag(HeadFields.Object))
        {
            w.WriteString("object", objectName);
        }

        if (fields.HasFlag(HeadFields.Created))
        {
            w.WriteNumber("created", r.Context.Created);
        }

        if (fields.HasFlag(HeadFields.Model))
        {
            w.WriteString("model", r.Model);
        }

        if (v.SystemFingerprint is not null)
        {
            w.WriteNullableString("system_fingerprint", r.Fingerprint);
        }

        if (v.ServiceTier is { } tier)
        {
            // The choices:[] usage chunk says service_tier null (docs/protocols/doubao.md).
            w.WriteNullableString("service_tier", usageChunk ? null : tier);
        }
        else if (chunk && v.NullServiceTierInChunks)
        {
            w.WriteNull("service_tier");
        }

        if (v.Note is { } note)
        {
            w.WriteString("note", note);
        }
    }

    private void WriteChoiceTail(Utf8JsonWriter w, string? finishReason, bool omitFinishReason = false)
    {
        if (omitFinishReason)
        {
            // No finish_reason at all.
        }
        else if (finishReason is not null)
        {
            w.WriteString("finish_reason", finishReason);
        }
        else
        {
            WriteBeside(w, "finish_reason", _vendor.FinishReasonWhileStreaming);
        }

        if (_vendor.NullLogprobs)
        {
            w.WriteNull("logprobs");
        }

        if (_vendor.Flag is { } flag)
        {
            w.WriteNumber("flag", flag);
        }
    }

    /// <summary>The OpenAI SDK's explicit nulls in a delta: <c>function_call</c>, <c>refusal</c>, and <c>role</c> and <c>tool_calls</c> when not sent.</summary>
    private void WriteSdkNulls(Utf8JsonWriter w, bool toolCalls, bool role)
    {
        if (!_vendor.SdkNulls)
        {
            return;
        }

        w.WriteNull("function_call");
        w.WriteNull("refusal");
        if (role)
        {
            w.WriteNull("role");
        }

        if (toolCalls)
        {
            w.WriteNull("tool_calls");
        }
    }

    private void WriteMessageContent(Utf8JsonWriter w, ReplyContext context)
    {
        if (context.HasToolCalls && _vendor.ContentWithToolCalls is { } beside)
        {
            WriteBeside(w, "content", beside);
        }
        else
        {
            w.WriteString("content", context.Reply.Text);
        }
    }

    private static void WriteBeside(Utf8JsonWriter w, string name, BesideValue value)
    {
        switch (value)
        {
            case BesideValue.Null:
                w.WriteNull(name);
                break;
            case BesideValue.Empty:
                w.WriteString(name, string.Empty);
                break;
        }
    }

    /// <summary>
    /// A streamed tool-call fragment: the first carries <c>index</c>, <c>id</c>, <c>type</c> and <c>function.name</c> with
    /// empty arguments; later ones only <c>index</c> and a piece of the arguments — or, for whole-fragment vendors, the id,
    /// type and an empty name again.
    /// </summary>
    private void WriteToolCallFragment(Utf8JsonWriter w, Writing r, Delta delta)
    {
        var start = delta.Kind == DeltaKind.ToolCallStart;
        var named = start || _vendor.WholeToolCallFragments;
        SharedShapes.WriteToolCallFragment(
            w,
            MessageSpelling.Snake,
            _vendor.ToolCallFragmentIndex ? delta.ToolIndex : null,
            named ? r.ToolIds[delta.ToolIndex] : null,
            named ? (start ? r.Context.Reply.ToolCalls[delta.ToolIndex].Name : string.Empty) : null,
            delta.Text);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage, UsageFacts facts)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        if (facts.Cached == CachedTokens.TopLevel)
        {
            w.WriteNumber("cached_tokens", usage.Cached);
        }
        else if (facts.Cached == CachedTokens.Details || (facts.Cached == CachedTokens.DetailsOnHit && usage.Cached > 0))
        {
            w.WriteStartObject("prompt_tokens_details");
            if (facts.SdkNulls)
            {
                w.WriteNull("audio_tokens");
            }

            w.WriteNumber("cached_tokens", usage.Cached);
            w.WriteEndObject();
        }

        if (facts.Reasoning == ReasoningTokens.Always || (facts.Reasoning == ReasoningTokens.WhenAny && usage.Reasoning > 0))
        {
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", usage.Reasoning);
            w.WriteEndObject();
        }
        else if (facts.SdkNulls)
        {
            w.WriteNull("completion_tokens_details");
        }

        if (facts.SearchCount)
        {
            w.WriteNumber("search_count", 0);
        }

        if (facts.CacheHitMiss)
        {
            w.WriteNumber("prompt_cache_hit_tokens", usage.Cached);
            w.WriteNumber("prompt_cache_miss_tokens", usage.CacheMiss);
        }

        w.WriteEndObject();
    }

    private ResponsePlan WithRequestId(ResponsePlan plan, string requestId) =>
        _vendor.RequestIdHeader is { } header ? plan.WithHeader(header, requestId) : plan;

    /// <summary>One reply being written: its context and the ids chosen for it.</summary>
    private sealed record Writing(ReplyContext Context, string Id, string Model, IReadOnlyList<string> ToolIds, string? Fingerprint);
}
