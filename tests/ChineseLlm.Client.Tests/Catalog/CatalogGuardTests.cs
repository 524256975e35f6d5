namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The catalog guard: the embedded catalog keeps the rules of a published catalog (docs/catalog.md), and each rule
/// fails on a document that breaks it.
/// </summary>
public class CatalogGuardTests
{
    private static readonly string[] MainProviders = ["qwen", "ernie", "doubao", "hunyuan", "kimi", "deepseek"];

    private static CatalogDocument Embedded() => ModelCatalog.ParseDocument(ModelCatalog.ReadEmbeddedJson());

    private static ModelCard GoodRow(string id = "m") => new()
    {
        Provider = "qwen",
        Id = id,
        Tier = ModelTier.Standard,
        InputPerMillion = 1m,
        OutputPerMillion = 2m,
        Source = "https://help.aliyun.com/zh/model-studio/models",
        Confidence = "doc",
        CheckedOn = new DateOnly(2026, 12, 1),
    };

    private static CatalogDocument DocumentOf(params ModelCard[] rows) => new() { AsOf = new DateOnly(2026, 12, 1), Models = rows.ToList() };

    [Fact]
    public void EmbeddedCatalog_KeepsEveryRule()
    {
        Assert.Empty(CatalogGuard.Check(Embedded()));
    }

    [Fact]
    public void EmbeddedCatalog_EveryRowCheckedOnOrAfterTheAuditAndAsOfUpdated()
    {
        var document = Embedded();

        Assert.True(document.AsOf >= new DateOnly(2026, 12, 1), $"AsOf {document.AsOf}");
        Assert.All(document.Models, row => Assert.True(row.CheckedOn >= new DateOnly(2026, 12, 1), $"{row} CheckedOn {row.CheckedOn}"));
    }

    [Fact]
    public void EmbeddedCatalog_MainProvidersHaveRoutableRowsThatAreNotRetired()
    {
        var document = Embedded();
        var asOf = new DateTimeOffset(document.AsOf.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        var catalog = ModelCatalog.Embedded;

        foreach (var provider in MainProviders)
        {
            var routable = catalog.RoutableModels.Count(m => m.Provider == provider && !m.IsRetiredAt(asOf));
            Assert.True(routable >= (provider == "doubao" ? 4 : 2), $"{provider} has {routable} routable rows");
        }
    }

    [Fact]
    public void Check_GoodDocument_HasNoProblem()
    {
        Assert.Empty(CatalogGuard.Check(DocumentOf(GoodRow())));
    }

    [Fact]
    public void Check_RowWithoutSourceConfidenceOrCheckedOn_FailsNamingEach()
    {
        var row = GoodRow();
        row.Source = null;
        row.Confidence = "guess";
        row.CheckedOn = null;

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains("catalog.json:Models:0 (qwen/m):Source is required", problems);
        Assert.Contains("catalog.json:Models:0 (qwen/m):Confidence must be one of doc, relay, unverified (got 'guess')", problems);
        Assert.Contains(problems, p => p.StartsWith("catalog.json:Models:0 (qwen/m):CheckedOn is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RoutableRowAboveStandardWithoutQuality_Fails()
    {
        var row = GoodRow();
        row.Tier = ModelTier.Advanced;

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains("catalog.json:Models:0 (qwen/m):Quality is required for a routable row above Standard (Tier Advanced)", problems);
    }

    [Fact]
    public void Check_UnpricedRowAboveStandardWithoutEvidence_FailsTheTierRule()
    {
        var row = GoodRow();
        row.Tier = ModelTier.Flagship;
        row.InputPerMillion = null;
        row.OutputPerMillion = null;

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains(problems, p => p.StartsWith("catalog.json:Models:0 (qwen/m):Tier Flagship needs evidence on the pinned indexes", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TierThatDisagreesWithItsEvidence_Fails()
    {
        var row = GoodRow();
        row.Tier = ModelTier.Flagship;
        row.Quality = new ModelQuality { Index = "AA-Intelligence-v4.1", Score = 45.3m, AsOf = new DateOnly(2026, 9, 1) };

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains("catalog.json:Models:0 (qwen/m):Tier is Flagship but its evidence (AA-Intelligence-v4.1 45.3 (2026-09-01)) gives Advanced", problems);
    }

    [Fact]
    public void Check_NegativePrice_Fails()
    {
        var row = GoodRow();
        row.CachedInputPerMillion = -0.1m;

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains("catalog.json:Models:0 (qwen/m):CachedInputPerMillion must be >= 0", problems);
    }

    [Fact]
    public void Check_BandsOverlappingOrOutOfOrder_Fail()
    {
        var row = GoodRow();
        row.InputPerMillion = null;
        row.OutputPerMillion = null;
        row.Bands = new List<PriceBand>
        {
            new() { MaxInputTokens = 128_000, InputPerMillion = 1m, OutputPerMillion = 2m },
            new() { MaxInputTokens = 128_000, InputPerMillion = 2m, OutputPerMillion = 4m },
            new() { MaxInputTokens = 32_000, InputPerMillion = 3m, OutputPerMillion = 6m },
        };

        var problems = CatalogGuard.Check(DocumentOf(row));

        Assert.Contains(problems, p => p.StartsWith("catalog.json:Models:0 (qwen/m):Bands:1 overlaps catalog.json:Models:0 (qwen/m):Bands:0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("catalog.json:Models:0 (qwen/m):Bands:2:MaxInputTokens must not be less than", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AsOfOlderThanNewestCheckedOn_Fails()
    {
        var later = GoodRow("n");
        later.CheckedOn = new DateOnly(2026, 12, 2);

        var problems = CatalogGuard.Check(DocumentOf(GoodRow(), later));

        Assert.Contains("catalog.json:AsOf (2026-12-01) is older than the newest CheckedOn (2026-12-02)", problems);
    }
}
