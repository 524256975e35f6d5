namespace ChineseLlm.Client.Catalog;

/// <summary>A catalog document read by <see cref="CatalogLoader"/>: the document when it can be put in force, else its problems.</summary>
/// <param name="Document">The document; <see langword="null"/> when <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">Why the document cannot be used; empty when it can.</param>
internal sealed record CatalogLoadResult(CatalogDocument? Document, IReadOnlyList<string> Problems)
{
    /// <summary>Gets the problems as one sentence for a log line or an error message.</summary>
    public string Describe() => string.Join("; ", Problems);

    public static CatalogLoadResult Failed(string problem) => new(null, [problem]);
}
