namespace ChineseLlm.Client.Catalog;

/// <summary>The base catalog in force (before <c>ChineseLlm:Models</c>) and where it came from; replaced whole, never changed.</summary>
/// <param name="Document">The checked document; its rows are cloned by <see cref="ModelCatalog"/>, never modified.</param>
/// <param name="Origin"><c>embedded</c>, the full path of a file, or a URL without its query (<see cref="CatalogSource.Describe(Uri)"/>).</param>
internal sealed record CatalogSnapshot(CatalogDocument Document, string Origin)
{
    /// <summary>Gets the embedded catalog.</summary>
    public static CatalogSnapshot Embedded { get; } = new(ModelCatalog.EmbeddedDocument, ModelCatalog.EmbeddedOrigin);
}
