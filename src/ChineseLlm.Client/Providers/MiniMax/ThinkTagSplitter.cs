using System.Text;

namespace ChineseLlm.Client.Providers.MiniMax;

/// <summary>
/// Splits text that carries reasoning inline as <c>&lt;think&gt;…&lt;/think&gt;</c> (MiniMax M2 on the OpenAI route
/// without <c>reasoning_split</c>) into reasoning and answer, across stream deltas: a tag cut between two deltas is held
/// back until the next one decides it. Not thread-safe: one instance per stream.
/// </summary>
internal sealed class ThinkTagSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    private readonly StringBuilder _pending = new();
    private bool _inThink;
    private bool _trimAnswerStart;

    /// <summary>Takes the next piece of text and returns what can be told apart so far.</summary>
    /// <param name="text">The next delta (or the whole content).</param>
    /// <returns>The reasoning and answer text decided by this piece.</returns>
    public (string Reasoning, string Answer) Push(string text)
    {
        _pending.Append(text);
        var buffer = _pending.ToString();
        _pending.Clear();
        var reasoning = new StringBuilder();
        var answer = new StringBuilder();
        var position = 0;
        while (position < buffer.Length)
        {
            var tag = _inThink ? Close : Open;
            var found = buffer.IndexOf(tag, position, StringComparison.Ordinal);
            if (found >= 0)
            {
                Emit(buffer.AsSpan(position, found - position), reasoning, answer);
                position = found + tag.Length;
                _inThink = !_inThink;
                _trimAnswerStart = !_inThink;
                continue;
            }

            // Hold back a tail that could be the start of the tag.
            var keep = PartialTagLength(buffer.AsSpan(position), tag);
            Emit(buffer.AsSpan(position, buffer.Length - position - keep), reasoning, answer);
            _pending.Append(buffer.AsSpan(buffer.Length - keep));
            break;
        }

        return (reasoning.ToString(), answer.ToString());
    }

    /// <summary>Releases any held-back text at the end of the stream.</summary>
    /// <returns>The reasoning and answer text still held.</returns>
    public (string Reasoning, string Answer) Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        var reasoning = new StringBuilder();
        var answer = new StringBuilder();
        Emit(rest, reasoning, answer);
        return (reasoning.ToString(), answer.ToString());
    }

    private static int PartialTagLength(ReadOnlySpan<char> text, string tag)
    {
        for (var length = Math.Min(tag.Length - 1, text.Length); length > 0; length--)
        {
            if (text[^length..].SequenceEqual(tag.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }

    private void Emit(ReadOnlySpan<char> text, StringBuilder reasoning, StringBuilder answer)
    {
        if (_inThink)
        {
            reasoning.Append(text);
            return;
        }

        if (_trimAnswerStart)
        {
            // The answer after </think> starts with blank lines the model puts between the blocks.
            text = text.TrimStart("\r\n");
            if (text.IsEmpty)
            {
                return;
            }

            _trimAnswerStart = false;
        }

        answer.Append(text);
    }
}
