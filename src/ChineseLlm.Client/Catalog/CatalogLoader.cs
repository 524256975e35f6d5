namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Reads a catalog document that replaces the embedded one (<c>ChineseLlm:Catalog:Path</c> or <c>:Url</c>, the CLI's
/// <c>--catalog</c>) and checks it as a published catalog is checked (docs/catalog.md, "Keeping your own copy"): it
/// parses in the embedded catalog's schema, has rows, names CNY per million tokens, keeps <see cref="CatalogGuard"/>'s
/// provenance rules (<c>Source</c>, <c>Confidence</c>, <c>CheckedOn</c>, <c>AsOf</c>), every row is a valid card
/// (<see cref="ModelCardValidator"/>, no row twice), and the <c>ChineseLlm:Models</c> overrides still apply on top.
/// </summary>
internal static class CatalogLoader
{
    /// <summary>The largest document read (the embedded catalog is about 60 KB); a larger file or answer is refused unread.</summary>
    public const long MaxDocumentBytes = 4 * 1024 * 1024;

    /// <summary>Parses and checks a UTF-8 document.</summary>
    /// <param name="utf8">The document's bytes.</param>
    /// <param name="overrides">The <c>ChineseLlm:Models</c> entries that must apply on top of it.</param>
    /// <param name="rule">The tier rule in force.</param>
    public static CatalogLoadResult Load(ReadOnlySpan<byte> utf8, IEnumerable<ModelCard>? overrides, TierRule rule)
    {
        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, CatalogJsonContext.Default.CatalogDocument);
        }
        catch (JsonException ex)
        {
            // The parser's message names the JSON path and line, never more of the text than a property name.
            return CatalogLoadResult.Failed("it is not a catalog document: " + ex.Message);
        }

        if (document is null)
        {
            return CatalogLoadResult.Failed("the document is empty (null).");
        }

        var problems = Check(document, overrides, rule);
        return problems.Count == 0 ? new CatalogLoadResult(document, problems) : new CatalogLoadResult(null, problems);
    }

    /// <summary>Reads a file (at most <see cref="MaxDocumentBytes"/>), then parses and checks it.</summary>
    public static CatalogLoadResult LoadFile(string path, IEnumerable<ModelCard>? overrides, TierRule rule)
    {
        byte[] bytes;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return CatalogLoadResult.Failed($"the file '{file.FullName}' does not exist.");
            }

            if (file.Length > MaxDocumentBytes)
            {
                return CatalogLoadResult.Failed(string.Create(CultureInfo.InvariantCulture, $"the file is {file.Length} bytes, more than the {MaxDocumentBytes} a catalog may have."));
            }

            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return CatalogLoadResult.Failed($"the file could not be read ({ex.GetType().Name}: {ex.Message})");
        }

        if (bytes.Length > MaxDocumentBytes)
        {
            return CatalogLoadResult.Failed(string.Create(CultureInfo.InvariantCulture, $"the file is more than the {MaxDocumentBytes} bytes a catalog may have."));
        }

        return Load(bytes, overrides, rule);
    }

    /// <summary>Returns every problem of <paramref name="document"/> as a replacement of the embedded catalog; empty when it can be put in force.</summary>
    public static List<string> Check(CatalogDocument document, IEnumerable<ModelCard>? overrides, TierRule rule)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        if (document.Models is null || document.Models.Count == 0)
        {
            problems.Add("catalog.json:Models has no rows");
            return problems;
        }

        if (document.AsOf == default)
        {
            problems.Add("catalog.json:AsOf is required (the day the prices were last checked, yyyy-MM-dd)");
        }

        if (document.Currency is { } currency && !string.Equals(currency, "CNY", StringComparison.Ordinal))
        {
            problems.Add($"catalog.json:Currency must be CNY (got '{currency}')");
        }

        if (document.Unit is { } unit && !string.Equals(unit, "PerMillionTokens", StringComparison.Ordinal))
        {
            problems.Add($"catalog.json:Unit must be PerMillionTokens (got '{unit}')");
        }

        problems.AddRange(CatalogGuard.Check(document, rule, tiers: false, rows: false));
        problems.AddRange(ModelCatalog.Problems(document, overrides, ModelCatalog.ConfigurationKey, rule));
        return problems;
    }
}
