namespace ChineseLlm.Client.Http;

/// <summary>
/// Reads text out of a <see cref="JsonElement"/> taken from a response. <see cref="JsonElement.GetString"/> validates
/// lazily: a lone surrogate escape (<c>"\ud800"</c>) or invalid UTF-8 in the body throws
/// <see cref="InvalidOperationException"/> at the first read, long after deserialization succeeded — so code that
/// maps a vendor's body must never call it directly on response data.
/// </summary>
internal static class JsonElementText
{
    /// <summary>Returns the string value, or <see langword="null"/> when the element is not a string or its text is invalid.</summary>
    public static string? GetString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Returns a string value as is and a number as its JSON text; otherwise (or when invalid) <see langword="null"/>.</summary>
    public static string? GetStringOrNumber(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => GetString(element),
        JsonValueKind.Number => element.GetRawText(), // digits, signs and exponents only: always valid text
        _ => null,
    };
}
