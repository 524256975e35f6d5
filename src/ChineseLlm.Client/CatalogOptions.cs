using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client;

/// <summary>
/// Where the model catalog comes from (<c>ChineseLlm:Catalog</c>): the embedded, dated catalog by default; or
/// <see cref="Path"/>, a file that replaces it and is re-read when it changes; or <see cref="Url"/>, a document fetched
/// in the background at start and every <see cref="RefreshInterval"/>. Both are in the embedded catalog's schema
/// (<c>src/ChineseLlm.Client/Catalog/catalog.json</c>); <c>ChineseLlm:Models</c> still overrides rows on top of
/// whichever catalog is in force.
/// </summary>
/// <remarks>
/// A file or document that fails to parse or validate is logged and the last good catalog stays in force; a call never
/// waits on a refresh. At start-up a <see cref="Path"/> that is missing or invalid fails, naming
/// <c>ChineseLlm:Catalog:Path</c>. The source is set up when the host starts (or, without a host, when the router is
/// first resolved) and stays for the life of the service provider: a configuration reload does not move it.
/// </remarks>
public sealed class CatalogOptions
{
    /// <summary>
    /// Gets or sets a JSON file in the embedded catalog's schema that replaces the embedded catalog; it is watched and
    /// re-read when it changes. A relative path is resolved against the current directory. Exclusive with <see cref="Url"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the embedded catalog.</value>
    public string? Path { get; set; }

    /// <summary>
    /// Gets or sets an http or https URL of a document in the embedded catalog's schema, fetched in the background at
    /// start and every <see cref="RefreshInterval"/>, with <c>If-None-Match</c> when the last document carried an
    /// <c>ETag</c> (a <c>304</c> keeps the catalog). Exclusive with <see cref="Path"/>. The repository's own catalog is
    /// such a document: <c>https://raw.githubusercontent.com/chinesellm/ChineseLlm.Client/main/src/ChineseLlm.Client/Catalog/catalog.json</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: nothing is fetched.</value>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets how often <see cref="Url"/> is fetched again.</summary>
    /// <value>The default value is one hour. Must be between one second and 7 days.</value>
    public TimeSpan RefreshInterval { get; set; } = CatalogSource.DefaultRefreshInterval;

    /// <summary>Checks the keys that need no I/O; each problem names its key under <paramref name="path"/>.</summary>
    internal List<string> Validate(string path)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(Path) && Url is not null)
        {
            problems.Add($"{path}:Path and {path}:Url are exclusive: set one of them (a watched file, or a document fetched in the background).");
        }

        if (Path is not null && string.IsNullOrWhiteSpace(Path))
        {
            problems.Add($"{path}:Path must not be empty when set.");
        }

        ChineseLlmProviderOptions.ValidateUri(problems, path, nameof(Url), Url);
        if (RefreshInterval < CatalogSource.MinRefreshInterval || RefreshInterval > CatalogSource.MaxRefreshInterval)
        {
            problems.Add($"{path}:RefreshInterval must be between {CatalogSource.MinRefreshInterval:c} and {CatalogSource.MaxRefreshInterval:c} (got {RefreshInterval:c}).");
        }

        return problems;
    }
}
