using System.Text;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// The bytes the stub serves, built from the DeepSeek fixtures in tests/Payloads/deepseek: the verbatim non-stream
/// body, and streams of any length made from the keep-alive stream capture (its role chunk, its content chunks
/// repeated in turn, its finish chunk with usage, then <c>[DONE]</c>).
/// </summary>
public static class DeepSeekPayloads
{
    private static readonly Lazy<string[]> s_streamEvents = new(LoadStreamEvents);

    /// <summary>Gets the non-stream completion (<c>chat-plain.json</c>), byte for byte.</summary>
    public static byte[] Completion { get; } = File.ReadAllBytes(PathOf("chat-plain.json"));

    /// <summary>Builds an SSE body of exactly <paramref name="chunks"/> data chunks followed by <c>data: [DONE]</c>.</summary>
    /// <param name="chunks">The number of chunks, at least 2 (the role chunk and the finish chunk).</param>
    /// <returns>The UTF-8 body, LF line endings, keep-alive comments first as the capture has them.</returns>
    public static byte[] Stream(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 2);
        var lines = s_streamEvents.Value;
        var roleChunk = lines[0];
        var finishChunk = lines[^1];
        var contentChunks = lines[1..^1];

        var sse = new StringBuilder();
        sse.Append(": keep-alive\n\n: keep-alive\n\n");
        sse.Append("data: ").Append(roleChunk).Append("\n\n");
        for (var i = 0; i < chunks - 2; i++)
        {
            sse.Append("data: ").Append(contentChunks[i % contentChunks.Length]).Append("\n\n");
        }

        sse.Append("data: ").Append(finishChunk).Append("\n\n");
        sse.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    /// <summary>A stream's beginning that never ends: the role chunk and one content chunk, no finish, no <c>[DONE]</c>.</summary>
    public static byte[] StreamHead()
    {
        var lines = s_streamEvents.Value;
        return Encoding.UTF8.GetBytes($"data: {lines[0]}\n\ndata: {lines[1]}\n\n");
    }

    /// <summary>The concatenated text of the content deltas of <see cref="Stream(int)"/>, for checking a client's output.</summary>
    public static int StreamTextLength(int chunks)
    {
        var lines = s_streamEvents.Value;
        var contentChunks = lines[1..^1];
        var total = 0;
        for (var i = 0; i < chunks - 2; i++)
        {
            var line = contentChunks[i % contentChunks.Length];
            var start = line.IndexOf("\"content\":\"", StringComparison.Ordinal) + "\"content\":\"".Length;
            total += line.IndexOf('"', start) - start;
        }

        return total;
    }

    private static string[] LoadStreamEvents()
    {
        var events = File.ReadAllLines(PathOf("stream-plain-keepalive.sse"))
            .Where(line => line.StartsWith("data: {", StringComparison.Ordinal))
            .Select(line => line["data: ".Length..])
            .ToArray();
        if (events.Length < 3)
        {
            throw new InvalidOperationException("stream-plain-keepalive.sse should have a role chunk, content chunks and a finish chunk.");
        }

        return events;
    }

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Payloads", "deepseek", name);
}
