using System.Globalization;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>Everything a protocol needs to write one reply.</summary>
internal sealed class ReplyContext
{
    public required RequestInfo Request { get; init; }

    public required SimulatedReply Reply { get; init; }

    public required UsageNumbers Usage { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>Gets the model the response names: the scripted one, else the requested one, else a provider default.</summary>
    public string Model(string fallback) => Reply.ModelId ?? Request.Model ?? fallback;

    public long Created => Now.ToUnixTimeSeconds();

    public bool HasReasoning => !string.IsNullOrEmpty(Reply.Reasoning);

    public bool HasToolCalls => Reply.ToolCalls.Count > 0;

    /// <summary>Gets the finish reason: the scripted one, else the tool-call value when there are tool calls, else the normal value.</summary>
    public string FinishReason(string normal = "stop", string toolCalls = "tool_calls") =>
        Reply.FinishReason ?? (HasToolCalls ? toolCalls : normal);

    /// <summary>Gets the tool-call ids: the scripted ones, else ids from <paramref name="generate"/> (given the index and the call).</summary>
    public IReadOnlyList<string> ToolCallIds(Func<int, SimulatedToolCall, string> generate) =>
        [.. Reply.ToolCalls.Select((call, i) => call.Id ?? generate(i, call))];

    /// <summary>Splits the reply into stream deltas: reasoning pieces, content pieces, then each tool call's start and argument pieces.</summary>
    public List<Delta> Deltas()
    {
        var size = Math.Max(1, Reply.StreamChunkLength);
        var deltas = new List<Delta>();
        deltas.AddRange(Split(Reply.Reasoning, size).Select(t => new Delta(DeltaKind.Reasoning, t)));
        deltas.AddRange(Split(Reply.Text, size).Select(t => new Delta(DeltaKind.Content, t)));
        for (var i = 0; i < Reply.ToolCalls.Count; i++)
        {
            deltas.Add(new Delta(DeltaKind.ToolCallStart, string.Empty, i));
            deltas.AddRange(Split(Reply.ToolCalls[i].Arguments, size).Select(t => new Delta(DeltaKind.ToolCallArguments, t, i)));
        }

        return deltas;
    }

    /// <summary>
    /// The deltas with each tool call's arguments whole: one arguments fragment right after the call's start, or, with
    /// <paramref name="inStart"/>, carried by the start fragment itself.
    /// </summary>
    public List<Delta> DeltasWithWholeArguments(bool inStart = false)
    {
        var deltas = new List<Delta>();
        foreach (var d in Deltas())
        {
            if (d.Kind == DeltaKind.ToolCallStart)
            {
                var arguments = Reply.ToolCalls[d.ToolIndex].Arguments;
                deltas.AddRange(inStart ? [d with { Text = arguments }] : [d, new Delta(DeltaKind.ToolCallArguments, arguments, d.ToolIndex)]);
            }
            else if (d.Kind != DeltaKind.ToolCallArguments)
            {
                deltas.Add(d);
            }
        }

        return deltas;
    }

    /// <summary>Splits text into pieces of <paramref name="size"/> text elements, so no surrogate pair or combining sequence is cut.</summary>
    internal static List<string> Split(string? text, int size)
    {
        var pieces = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return pieces;
        }

        var e = StringInfo.GetTextElementEnumerator(text);
        var start = 0;
        var count = 0;
        while (e.MoveNext())
        {
            if (count == size)
            {
                pieces.Add(text[start..e.ElementIndex]);
                start = e.ElementIndex;
                count = 0;
            }

            count++;
        }

        pieces.Add(text[start..]);
        return pieces;
    }
}
