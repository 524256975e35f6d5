namespace ChineseLlm.Client.Http;

/// <summary>
/// Bounds the short identifiers a vendor sends — request ids, error codes — before they reach an exception, a log or a
/// span tag: trimmed, control characters (which could forge or garble log lines) replaced by <c>?</c>, and at most
/// <see cref="MaxLength"/> characters (a 10 KB "request id" from a broken proxy becomes its first 256 characters and
/// <c>…</c>). Real ids are far shorter (UUIDs, 20–64 character trace ids), so they pass unchanged.
/// </summary>
internal static class VendorIdentifier
{
    /// <summary>The longest identifier kept.</summary>
    public const int MaxLength = 256;

    /// <summary>Returns <paramref name="value"/> bounded and without control characters; <see langword="null"/> when blank.</summary>
    /// <param name="value">The vendor's identifier.</param>
    /// <returns>The identifier to report.</returns>
    public static string? Bound(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var span = value.AsSpan().Trim();
        var cut = span.Length > MaxLength;
        if (cut)
        {
            span = span[..MaxLength];
        }

        if (!cut && span.Length == value.Length && !span.ContainsAnyInRange('\0', '\u001f') && !span.ContainsAnyInRange('\u007f', '\u009f'))
        {
            return value;
        }

        return string.Create(span.Length + (cut ? 1 : 0), (Text: span.ToString(), Cut: cut), static (target, state) =>
        {
            for (var i = 0; i < state.Text.Length; i++)
            {
                target[i] = char.IsControl(state.Text[i]) ? '?' : state.Text[i];
            }

            if (state.Cut)
            {
                target[^1] = '…';
            }
        });
    }
}
