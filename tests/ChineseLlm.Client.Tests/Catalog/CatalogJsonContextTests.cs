using System.Text.Json;

namespace ChineseLlm.Client.Catalog;

public class CatalogJsonContextTests
{
    private static readonly string[] KnownConfidence = ["doc", "relay", "unverified"];

    [Fact]
    public void EmbeddedCatalog_EveryRowParsesAndHasProvenance()
    {
        var document = ModelCatalog.ParseDocument(ModelCatalog.ReadEmbeddedJson());

        Assert.Equal("CNY", document.Currency);
        Assert.Equal("PerMillionTokens", document.Unit);
        Assert.True(document.Models.Count >= 20, $"only {document.Models.Count} rows");
        Assert.All(document.Models, row =>
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Provider));
            Assert.False(string.IsNullOrWhiteSpace(row.Id));
            Assert.NotNull(row.Tier);
            Assert.False(string.IsNullOrWhiteSpace(row.Source), $"{row} has no source");
            Assert.Contains(row.Confidence, KnownConfidence);
        });
    }

    [Fact]
    public void EmbeddedCatalog_EveryRoutableRowHasInputAndOutputPrices()
    {
        var catalog = ModelCatalog.Embedded;

        Assert.All(catalog.RoutableModels, row =>
        {
            Assert.NotNull(row.InputPerMillion);
            Assert.NotNull(row.OutputPerMillion);
            Assert.All(row.Bands, band => Assert.NotNull(band.OutputPerMillion));
            Assert.NotNull(row.ContextWindow);
        });

        // Every provider has at least one routable model.
        foreach (var provider in new[] { "qwen", "ernie", "doubao", "hunyuan", "kimi", "deepseek" })
        {
            Assert.Contains(catalog.RoutableModels, m => m.Provider == provider);
        }
    }

    [Fact]
    public void EmbeddedCatalog_DeepSeekRowsCarryVerifiedPeakWindows()
    {
        var flash = ModelCatalog.Embedded.Find("deepseek", "deepseek-flash")!;

        Assert.Equal((1m, 0.02m, 4m), (flash.InputPerMillion!.Value, flash.CachedInputPerMillion!.Value, flash.OutputPerMillion!.Value));
        Assert.Equal("doc", flash.Confidence);
        Assert.Equal(new DateOnly(2026, 9, 10), flash.EffectiveDate);
        Assert.Collection(
            flash.TimeWindows,
            w => Assert.Equal(("09:00", "12:00", 2m, "Asia/Shanghai"), (w.Start, w.End, w.Multiplier!.Value, w.TimeZone)),
            w => Assert.Equal(("14:00", "18:00", 2m, "Asia/Shanghai"), (w.Start, w.End, w.Multiplier!.Value, w.TimeZone)));
        Assert.All(flash.TimeWindows, w => Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], w.Days));
    }

    [Fact]
    public void EmbeddedCatalog_RoundTripsThroughSourceGeneratedContext()
    {
        var original = ModelCatalog.ParseDocument(ModelCatalog.ReadEmbeddedJson());

        var json = JsonSerializer.Serialize(original, CatalogJsonContext.Default.CatalogDocument);
        var copy = ModelCatalog.ParseDocument(json);

        Assert.Equal(original.AsOf, copy.AsOf);
        Assert.Equal(original.Models.Count, copy.Models.Count);
        for (var i = 0; i < original.Models.Count; i++)
        {
            var (a, b) = (original.Models[i], copy.Models[i]);
            Assert.Equal(a.ToString(), b.ToString());
            Assert.Equal(a.Tier, b.Tier);
            Assert.Equal(a.CapabilityFlags, b.CapabilityFlags);
            Assert.Equal((a.InputPerMillion, a.CachedInputPerMillion, a.OutputPerMillion, a.ThinkingOutputPerMillion), (b.InputPerMillion, b.CachedInputPerMillion, b.OutputPerMillion, b.ThinkingOutputPerMillion));
            Assert.Equal(a.Bands.Select(x => (x.MaxInputTokens, x.InputPerMillion, x.OutputPerMillion)), b.Bands.Select(x => (x.MaxInputTokens, x.InputPerMillion, x.OutputPerMillion)));
            Assert.Equal(a.TimeWindows.Count, b.TimeWindows.Count);
            Assert.Equal((a.Source, a.EffectiveDate, a.Confidence), (b.Source, b.EffectiveDate, b.Confidence));
        }

        // Names and enums are written as the configuration spells them.
        Assert.Contains("\"InputPerMillion\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Tier\": \"Flagship\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Monday\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("IsRoutable", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelCard_CapabilitiesAsArrayOfStrings_ReadIntoFlags()
    {
        const string json = """{ "Provider": "qwen", "Id": "x", "Tier": "Standard", "Capabilities": [ "Tools", "Vision, Json" ] }""";

        var card = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.ModelCard)!;

        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Json, card.CapabilityFlags);
        Assert.True(card.HasCapabilities(ModelCapabilities.Vision | ModelCapabilities.Tools));
        Assert.False(card.HasCapabilities(ModelCapabilities.Reasoning));
        Assert.False(card.IsRoutable);
    }

    [Fact]
    public void ParseDocument_UnknownProperty_Throws()
    {
        const string json = """{ "AsOf": "2026-01-01", "Models": [ { "Provider": "qwen", "Id": "x", "InputPrice": 1 } ] }""";

        Assert.Throws<JsonException>(() => ModelCatalog.ParseDocument(json));
    }

    [Fact]
    public void Create_DocumentWithUnknownCapabilityName_FailsNamingTheRow()
    {
        const string json = """{ "AsOf": "2026-01-01", "Models": [ { "Provider": "qwen", "Id": "x", "Tier": "Lite", "Capabilities": [ "Tools", "Telepathy" ] } ] }""";
        var document = ModelCatalog.ParseDocument(json);

        var error = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Create(document, overrides: null));

        Assert.Contains("catalog.json:Models:0:Capabilities:1 'Telepathy' is not a capability", error.Message, StringComparison.Ordinal);
    }
}
