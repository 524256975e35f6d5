namespace ChineseLlm.Client.Http;

/// <summary>Joins a vendor's base URI and a documented path.</summary>
internal static class ProviderEndpoint
{
    /// <summary>Returns <c>{baseUri}/{path}</c>, whatever slashes either side carries.</summary>
    public static Uri Combine(Uri baseUri, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var left = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var right = path.TrimStart('/');
        return new Uri(right.Length == 0 ? left : left + "/" + right + baseUri.Query, UriKind.Absolute);
    }
}
