namespace ChineseLlm.Client;

/// <summary>
/// Checks what a caller hands to <c>GetResponseAsync</c>/<c>GetStreamingResponseAsync</c> before anything is sent: a
/// <see langword="null"/> message, content or tool is a caller's mistake, reported as a
/// <see cref="LlmErrorKind.InvalidRequest"/> <see cref="ChineseLlmException"/> that says where it is — not a
/// <see cref="NullReferenceException"/> from deep inside a request builder.
/// </summary>
internal static class CallerInput
{
    /// <summary>Throws when <paramref name="messages"/> or <paramref name="options"/> hold a null element.</summary>
    /// <param name="provider">The provider key (or <c>router</c>) the exception names.</param>
    /// <param name="messages">The caller's messages.</param>
    /// <param name="options">The caller's options.</param>
    public static void ThrowIfInvalid(string provider, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages is IReadOnlyList<ChatMessage> list)
        {
            // Indexed: the usual list costs no enumerator, and every client in a chain checks it.
            for (var i = 0; i < list.Count; i++)
            {
                ThrowIfInvalid(provider, list[i], i);
            }
        }
        else
        {
            var index = 0;
            foreach (var message in messages)
            {
                ThrowIfInvalid(provider, message, index++);
            }
        }

        if (options?.Tools is { } tools)
        {
            for (var t = 0; t < tools.Count; t++)
            {
                if (tools[t] is null)
                {
                    throw Invalid(provider, $"options.Tools[{t}] is null.");
                }
            }
        }

        if (options?.StopSequences is { } stops)
        {
            for (var s = 0; s < stops.Count; s++)
            {
                if (stops[s] is null)
                {
                    throw Invalid(provider, $"options.StopSequences[{s}] is null.");
                }
            }
        }
    }

    private static void ThrowIfInvalid(string provider, ChatMessage? message, int index)
    {
        if (message is null)
        {
            throw Invalid(provider, $"messages[{index}] is null.");
        }

        var contents = message.Contents;
        for (var c = 0; c < contents.Count; c++)
        {
            if (contents[c] is null)
            {
                throw Invalid(provider, $"messages[{index}].Contents[{c}] is null.");
            }
        }
    }

    private static ChineseLlmException Invalid(string provider, string what) =>
        new(provider, LlmErrorKind.InvalidRequest, string.Create(CultureInfo.InvariantCulture, $"the request is invalid: {what}"));
}
