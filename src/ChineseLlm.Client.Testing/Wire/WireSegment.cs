namespace ChineseLlm.Client.Testing.Wire;

/// <summary>A piece of a response body; <see cref="IsEvent"/> marks an SSE event (comments and keep-alives are not events).</summary>
internal readonly record struct WireSegment(byte[] Bytes, bool IsEvent)
{
    /// <summary>Gets the JSON data of an SSE event, used to cut an event in half; <see langword="null"/> for non-JSON segments.</summary>
    public byte[]? Json { get; init; }

    /// <summary>Gets the bytes that frame <see cref="Json"/> before it (such as <c>data: </c>).</summary>
    public byte[]? Prefix { get; init; }
}
