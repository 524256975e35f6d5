using System.Text;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>SSE framing in the providers' spellings.</summary>
internal static class Sse
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] DataPrefixNoSpace = "data:"u8.ToArray();
    private static readonly byte[] Terminator = "\n\n"u8.ToArray();

    /// <summary><c>data: {json}</c> and a blank line (DeepSeek, Kimi and the other OpenAI dialects, ERNIE v1, Hunyuan).</summary>
    public static WireSegment Data(byte[] json) => Data(json, space: true);

    /// <summary><c>data: {json}</c>, or <c>data:{json}</c> without <paramref name="space"/> (Baichuan), and a blank line.</summary>
    public static WireSegment Data(byte[] json, bool space)
    {
        var prefix = space ? DataPrefix : DataPrefixNoSpace;
        return new([.. prefix, .. json, .. Terminator], IsEvent: true) { Json = json, Prefix = prefix };
    }

    /// <summary>The <c>data: [DONE]</c> sentinel (<c>data:[DONE]</c> without <paramref name="space"/>).</summary>
    public static WireSegment Done(bool space = true) =>
        new(space ? "data: [DONE]\n\n"u8.ToArray() : "data:[DONE]\n\n"u8.ToArray(), IsEvent: true);

    /// <summary>An SSE comment line such as <c>: keep-alive</c>, followed by a blank line.</summary>
    public static WireSegment Comment(string text) => new(Encoding.UTF8.GetBytes(": " + text + "\n\n"), IsEvent: false);

    /// <summary>A DashScope native event: <c>id:</c>, <c>event:</c>, the <c>:HTTP_STATUS/…</c> comment, then <c>data:</c> (no spaces after the colons).</summary>
    public static WireSegment DashScope(int id, string eventName, int status, byte[] json)
    {
        var prefix = Encoding.UTF8.GetBytes($"id:{id}\nevent:{eventName}\n:HTTP_STATUS/{status}\ndata:");
        return new([.. prefix, .. json, .. Terminator], IsEvent: true) { Json = json, Prefix = prefix };
    }
}
