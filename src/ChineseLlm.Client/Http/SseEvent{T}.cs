namespace ChineseLlm.Client.Http;

/// <summary>One parsed server-sent event.</summary>
/// <typeparam name="T">The type the event's data deserializes to.</typeparam>
/// <param name="EventType">The SSE <c>event:</c> field (<c>message</c> when absent).</param>
/// <param name="Data">The deserialized data, or <see langword="default"/> for the terminator.</param>
/// <param name="IsDone">Whether this is the <c>[DONE]</c> terminator.</param>
internal readonly record struct SseEvent<T>(string EventType, T? Data, bool IsDone);
