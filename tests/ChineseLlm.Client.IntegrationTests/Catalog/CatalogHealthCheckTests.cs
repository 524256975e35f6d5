using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The <c>chinesellm-catalog</c> health check over real HTTP: WireMock answers <c>GET /models</c> with each vendor's list
/// shape (tests/Payloads/models/README.md names the sources).
/// </summary>
public sealed class CatalogHealthCheckTests : IDisposable
{
    private const string DeepSeekKey = "sk-deepseek-catalog-secret";
    private const string KimiKey = "sk-kimi-catalog-secret";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly WireMockServer _second = WireMockServer.Start();

    public void Dispose()
    {
        _server.Dispose();
        _second.Dispose();
    }

    private static ModelCatalog CatalogOf(params (string Provider, string Id)[] rows) => ModelCatalog.Create(
        new CatalogDocument
        {
            AsOf = new DateOnly(2026, 12, 1),
            Models = rows.Select(r => new ModelCard
            {
                Provider = r.Provider,
                Id = r.Id,
                Tier = ModelTier.Standard,
                InputPerMillion = 1m,
                OutputPerMillion = 2m,
                Source = "test",
                Confidence = "doc",
                EffectiveDate = new DateOnly(2026, 12, 1),
            }).ToList(),
        },
        overrides: null);

    private static CatalogCheck Core(ModelCatalog catalog, string provider, ChineseLlmProviderOptions options)
    {
        var http = new HttpClient();
        return new CatalogCheck(() => catalog, () => [provider], _ => options, _ => http, TimeProvider.System, logger: null);
    }

    public static TheoryData<string, string, string> Vendors => new()
    {
        // provider, fixture, the path the vendor serves its list at (under the configured endpoint)
        { "deepseek", "deepseek.json", "/models" },
        { "kimi", "kimi.json", "/v1/models" },
        { "qwen", "qwen-compatible.json", "/compatible-mode/v1/models" },
        { "minimax", "minimax.json", "/v1/models" },
        { "glm", "glm.json", "/api/paas/v4/models" },
    };

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task RunAsync_VendorListShape_ListedRowsPassAndTheMissingRowIsNamed(string provider, string fixture, string path)
    {
        var body = Payload.Read("models", fixture);
        var listedId = JsonNode.Parse(body)!["data"]![0]!["id"]!.GetValue<string>();
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
        var endpoint = new Uri(_server.Url + path[..path.LastIndexOf('/')]);
        ChineseLlmProviderOptions options = provider switch
        {
            "deepseek" => new DeepSeekOptions { ApiKey = "sk-test", Endpoint = endpoint },
            "kimi" => new KimiOptions { ApiKey = "sk-test", Endpoint = endpoint },
            "qwen" => new QwenOptions { ApiKey = "sk-test", Endpoint = new Uri(_server.Url + "/api/v1") }, // native endpoint: the list is read in compatible mode
            "minimax" => new MiniMaxOptions { ApiKey = "sk-test", Endpoint = endpoint },
            _ => new GlmOptions { ApiKey = "0123456789abcdef.secretpart0123456789", Endpoint = endpoint },
        };
        var catalog = CatalogOf((provider, listedId.ToUpperInvariant()), (provider, "retired-model-x"), ("other", "not-this-provider"));

        var report = await Core(catalog, provider, options).RunAsync(CancellationToken.None);

        var result = Assert.Single(report.Providers);
        Assert.Equal(ProviderCatalogStatus.Missing, result.Status);
        Assert.Equal(["retired-model-x"], result.MissingModels); // ids compare case-insensitively
        Assert.Equal(2, result.Checked);
        Assert.False(report.IsHealthy);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.StartsWith("Bearer ", request.Headers!["Authorization"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryRowListed_IsHealthy()
    {
        _server.Given(Request.Create().WithPath("/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Payload.Read("models", "deepseek.json")));
        var catalog = CatalogOf(("deepseek", "deepseek-chat"), ("deepseek", "deepseek-reasoner"));

        var report = await Core(catalog, "deepseek", new DeepSeekOptions { ApiKey = "sk-test", Endpoint = new Uri(_server.Url!) }).RunAsync(CancellationToken.None);

        Assert.True(report.IsHealthy);
        Assert.Equal("listed (2 routable rows)", Assert.Single(report.Providers).ToString());
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 200, "the answer is not a model list")]
    [InlineData("{\"object\":\"list\"}", 200, "the answer is not a model list")]
    [InlineData("{\"error\":{\"message\":\"Authentication Fails, Your api key is invalid\",\"type\":\"authentication_error\"}}", 401, "HTTP 401 (credentials refused)")]
    [InlineData("{\"error\":{\"message\":\"Not Found\"}}", 404, "HTTP 404 (no model list at this endpoint)")]
    public async Task RunAsync_BrokenOrRefusedList_IsUnreadableWithoutThrowing(string body, int status, string problem)
    {
        _server.Given(Request.Create().WithPath("/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

        var report = await Core(CatalogOf(("deepseek", "deepseek-chat")), "deepseek", new DeepSeekOptions { ApiKey = "sk-test", Endpoint = new Uri(_server.Url!) }).RunAsync(CancellationToken.None);

        var result = Assert.Single(report.Providers);
        Assert.Equal((ProviderCatalogStatus.Unreadable, problem), (result.Status, result.Problem));
        Assert.False(report.IsHealthy);
    }

    [Fact]
    public async Task RunAsync_ListLargerThanTheBound_IsUnreadableAsProtocolWithoutBufferingIt()
    {
        // A list past the bound (a broken proxy streaming without end): the check stops reading and reports it.
        var huge = "{\"object\":\"list\",\"data\":[" + string.Join(",", Enumerable.Repeat("{\"id\":\"deepseek-chat\",\"object\":\"model\"}", 120_000)) + "]}";
        Assert.True(huge.Length > CatalogCheck.MaxListBytes, "the premise: the body is larger than the bound");
        _server.Given(Request.Create().WithPath("/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(huge));

        var report = await Core(CatalogOf(("deepseek", "deepseek-chat")), "deepseek", new DeepSeekOptions { ApiKey = "sk-test", Endpoint = new Uri(_server.Url!) }).RunAsync(CancellationToken.None);

        var result = Assert.Single(report.Providers);
        Assert.Equal((ProviderCatalogStatus.Unreadable, "Protocol"), (result.Status, result.Problem));
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_IsUnreadableWithoutThrowing()
    {
        var url = _second.Url!;
        _second.Stop();

        var report = await Core(CatalogOf(("kimi", "kimi-k2.6")), "kimi", new KimiOptions { ApiKey = "sk-test", Endpoint = new Uri(url) }).RunAsync(CancellationToken.None);

        Assert.Equal(ProviderCatalogStatus.Unreadable, Assert.Single(report.Providers).Status);
        Assert.Equal("HttpRequestException", report.Providers[0].Problem);
    }

    [Fact]
    public async Task RunAsync_VendorWithoutList_IsNotCheckableAndHealthy()
    {
        var report = await Core(CatalogOf(("doubao", "doubao-seed-2-0-mini")), "doubao", new DoubaoOptions { ApiKey = "ark-test" }).RunAsync(CancellationToken.None);

        var result = Assert.Single(report.Providers);
        Assert.Equal(ProviderCatalogStatus.NotCheckable, result.Status);
        Assert.Contains("ListFoundationModels", result.Problem, StringComparison.Ordinal);
        Assert.True(report.IsHealthy);
    }

    /// <summary>Through DI: DeepSeek lists every routable row but one, Kimi's list fails, Doubao cannot be checked.</summary>
    [Fact]
    public async Task AddChineseLlmCatalogCheck_MissingRowAndFailingVendor_DegradedNamingBoth_NeverShowsACredential()
    {
        await using var services = Build(out var router);
        var deepseekRows = router.Models.Where(m => m.Provider == "deepseek" && m.IsRoutable).Select(m => m.Id!).ToList();
        Assert.True(deepseekRows.Count >= 2, "the premise: the catalog has at least two routable DeepSeek rows");
        ServeList(_server, "/models", deepseekRows.Skip(1));
        _second.Given(Request.Create().WithPath("/v1/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("{\"error\":{\"message\":\"service unavailable\",\"type\":\"engine_overloaded_error\"}}"));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["chinesellm-catalog"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains($"deepseek ({deepseekRows[0]})", entry.Description, StringComparison.Ordinal);
        Assert.Contains("model list unreadable: kimi (HTTP 503)", entry.Description, StringComparison.Ordinal);
        Assert.Contains("not checkable: doubao", entry.Description, StringComparison.Ordinal);
        Assert.Equal("missing: " + deepseekRows[0], entry.Data["deepseek"]);
        Assert.StartsWith("not checkable: ", (string)entry.Data["doubao"], StringComparison.Ordinal);
        var everything = entry.Description + string.Join("|", entry.Data.Values);
        Assert.DoesNotContain(DeepSeekKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(KimiKey, everything, StringComparison.Ordinal);
        Assert.Equal("Bearer " + DeepSeekKey, Assert.Single(_server.LogEntries).RequestMessage.Headers!["Authorization"][0]);
    }

    [Fact]
    public async Task AddChineseLlmCatalogCheck_EveryRoutableRowListed_Healthy()
    {
        await using var services = Build(out var router);
        ServeList(_server, "/models", router.Models.Where(m => m.Provider == "deepseek").Select(m => m.Id!));
        ServeList(_second, "/v1/models", router.Models.Where(m => m.Provider == "kimi").Select(m => m.Id!));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["chinesellm-catalog"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.StartsWith("every routable row listed: deepseek, kimi; not checkable: doubao", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChineseLlmCatalogCheck_WithoutAddChineseLlm_DegradedWithoutThrowing()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddChineseLlmCatalogCheck();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries["chinesellm-catalog"].Status);
        Assert.Contains("AddChineseLlm", report.Entries["chinesellm-catalog"].Description, StringComparison.Ordinal);
    }

    /// <summary>Serves the Kimi list shape (tests/Payloads/models/kimi.json) with the given ids.</summary>
    private static void ServeList(WireMockServer server, string path, IEnumerable<string> ids)
    {
        var template = JsonNode.Parse(Payload.Read("models", "kimi.json"))!;
        var entry = template["data"]![0]!;
        var data = new JsonArray();
        foreach (var id in ids)
        {
            var model = entry.DeepClone();
            model["id"] = id;
            data.Add(model);
        }

        template["data"] = data;
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(template.ToJsonString()));
    }

    private ServiceProvider Build(out CostAwareChatClient router)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = DeepSeekKey,
            ["ChineseLlm:Providers:DeepSeek:Endpoint"] = _server.Url,
            ["ChineseLlm:Providers:Kimi:ApiKey"] = KimiKey,
            ["ChineseLlm:Providers:Kimi:Endpoint"] = _second.Url + "/v1",
            ["ChineseLlm:Providers:Kimi:MaxRetryAttempts"] = "0",
            ["ChineseLlm:Providers:Doubao:ApiKey"] = "ark-catalog-secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration.GetSection("ChineseLlm"));
        services.AddHealthChecks().AddChineseLlmCatalogCheck();
        var provider = services.BuildServiceProvider();
        router = provider.GetRequiredService<CostAwareChatClient>();
        return provider;
    }
}
