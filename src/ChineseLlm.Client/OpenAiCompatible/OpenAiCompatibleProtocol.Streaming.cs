using ChineseLlm.Client.OpenAiCompatible.Wire;
using static ChineseLlm.Client.Http.WireMapping;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Streaming: SSE chunks → <see cref="ChatResponseUpdate"/>s, with tool-call fragments joined by index.</summary>
internal sealed partial class OpenAiCompatibleProtocol
{
    /// <summary>Maps one chunk; returns <see langword="null"/> for chunks that carry nothing for the caller.</summary>
    internal static ChatResponseUpdate? FromWireChunk(OpenAiCompatibleDialect dialect, ChatCompletionChunk chunk, StreamState state)
    {
        if (dialect.InspectChunk(chunk, state) is { } businessError)
        {
            throw businessError;
        }

        if (chunk.Error is { } error)
        {
            throw dialect.MapError(statusCode: null, error, state.RequestId, retryAfter: null);
        }

        state.ResponseId ??= chunk.Id;
        state.ModelId = chunk.Model ?? state.ModelId;
        state.Created ??= chunk.Created;

        // Usage may ride on any chunk: at the top level (whole request) or inside the finish choice (Kimi).
        if (chunk.Usage is { } usage)
        {
            state.TopLevelUsage = usage;
        }

        List<AIContent>? contents = null;
        ChatFinishReason? finish = null;
        // A null element (`"choices":[null]`) is as empty as no element: nothing to map, never a NullReferenceException.
        if (chunk.Choices is { Count: > 0 } choices && choices[0] is { } choice)
        {
            if (choice.Usage is { } choiceUsage)
            {
                state.ChoiceUsage = choiceUsage;
            }

            if (choice.Delta is { } delta)
            {
                contents = DeltaContents(delta.ReasoningContent, delta.Content);
                // Not `?? []`: that allocates an empty list for every event without tool calls.
                if (delta.ToolCalls is { } fragments)
                {
                    foreach (var fragment in fragments)
                    {
                        if (fragment is not null)
                        {
                            state.AppendToolCall(fragment);
                        }
                    }
                }
            }

            if (!string.IsNullOrWhiteSpace(choice.FinishReason) && choice.FinishReason != "null")
            {
                if (dialect.CheckFinishReason(choice.FinishReason, state.RequestId) is { } failure)
                {
                    throw failure;
                }

                state.FinishReason = choice.FinishReason;
                finish = FromWireFinishReason(choice.FinishReason);
            }
        }

        return EventUpdate(contents, finish, state.ResponseId, state.ModelId, state.CreatedAt, chunk);
    }

    /// <summary>The final update: joined tool calls, the usage and the finish reason. Throws when the stream was cut short.</summary>
    internal static ChatResponseUpdate CompleteStream(OpenAiCompatibleDialect dialect, StreamState state)
    {
        if (state.FinishReason is null && state.SawDone && dialect.FinishReasonWhenDoneWithoutOne is { } implied)
        {
            // Quirk (docs/protocols/spark.md): iFlytek ends every stream with [DONE] and never sends finish_reason.
            state.FinishReason = state.ToolCalls.Count > 0 ? "tool_calls" : implied;
        }

        if (state.FinishReason is null)
        {
            throw IncompleteStream(dialect.ProviderName, "the provider sent a finish reason", state.RequestId);
        }

        // Never add the two: the top-level usage is the whole request's, the per-choice one is kept for compatibility.
        var usage = state.TopLevelUsage ?? state.ChoiceUsage;
        return FinalUpdate(
            ToolCallContents(state.ToolCalls, static (call, _) => call.Id),
            usage is null ? null : FromWireUsage(dialect, usage),
            state.ResponseId, state.ModelId, state.CreatedAt, FromWireFinishReason(state.FinishReason), state.RequestId);
    }

    /// <summary>What a stream has accumulated so far.</summary>
    internal sealed class StreamState(string? requestId)
    {
        private List<StreamedToolCall>? _toolCalls; // most streams carry no tool call

        public string? RequestId { get; } = requestId;

        public string? ResponseId { get; set; }

        public string? ModelId { get; set; }

        public long? Created { get; set; }

        public DateTimeOffset? CreatedAt => UnixTime.FromSeconds(Created);

        public string? FinishReason { get; set; }

        public WireUsage? TopLevelUsage { get; set; }

        public WireUsage? ChoiceUsage { get; set; }

        /// <summary>Gets or sets a value indicating whether the stream ended with <c>[DONE]</c> (rather than just stopping).</summary>
        public bool SawDone { get; set; }

        /// <summary>Gets or sets a dialect's own parsing state for this stream (for example an open <c>&lt;think&gt;</c> block).</summary>
        public object? DialectState { get; set; }

        public IReadOnlyList<StreamedToolCall> ToolCalls => (IReadOnlyList<StreamedToolCall>?)_toolCalls ?? [];

        /// <summary>Joins a fragment to the call with the same index (or the same id when a vendor omits the index).</summary>
        public void AppendToolCall(WireToolCall fragment)
        {
            StreamedToolCall? target = null;
            _toolCalls ??= [];
            foreach (var call in _toolCalls)
            {
                if ((fragment.Index is { } index && call.Index == index) ||
                    (fragment.Index is null && fragment.Id is not null && call.Id == fragment.Id))
                {
                    target = call;
                    break;
                }
            }

            if (target is null)
            {
                target = new StreamedToolCall(fragment.Index ?? _toolCalls.Count);
                _toolCalls.Add(target);
            }

            target.Id ??= fragment.Id;
            target.Type ??= fragment.Type;
            if (!string.IsNullOrEmpty(fragment.Function?.Name))
            {
                target.Name ??= fragment.Function.Name;
            }

            target.Arguments.Append(fragment.Function?.Arguments);
        }
    }
}
