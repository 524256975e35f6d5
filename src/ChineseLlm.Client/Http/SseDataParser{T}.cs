namespace ChineseLlm.Client.Http;

/// <summary>Parses one server-sent event's data (trimmed, never empty, never <c>[DONE]</c>).</summary>
/// <typeparam name="T">The type the data parses to.</typeparam>
/// <param name="data">The event's data as UTF-8 JSON.</param>
/// <returns>The parsed value, or <see langword="null"/> for JSON <c>null</c>.</returns>
internal delegate T? SseDataParser<T>(ReadOnlySpan<byte> data);
