namespace ChineseLlm.Client.Catalog;

/// <summary>The embedded catalog file (<c>Catalog/catalog.json</c>): a dated list of model cards.</summary>
internal sealed class CatalogDocument
{
    /// <summary>Gets or sets the date the prices were last checked.</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>Gets or sets the currency of every price; always <c>CNY</c>.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the unit of every price; always <c>PerMillionTokens</c>.</summary>
    public string? Unit { get; set; }

    /// <summary>Gets or sets how the file was researched and what its labels mean.</summary>
    public string? Notes { get; set; }

    /// <summary>Gets or sets the model cards.</summary>
    public List<ModelCard> Models { get; set; } = [];
}
