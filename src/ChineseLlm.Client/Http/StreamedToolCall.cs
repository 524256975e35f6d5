using System.Text;

namespace ChineseLlm.Client.Http;

/// <summary>One tool call being assembled from streamed fragments; each protocol decides which call a fragment joins.</summary>
/// <param name="index">The call's position (the fragments' <c>index</c>, or its order of arrival).</param>
internal sealed class StreamedToolCall(int index)
{
    public int Index { get; } = index;

    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? Name { get; set; }

    public StringBuilder Arguments { get; } = new();
}
