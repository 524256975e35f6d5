using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// <c>ChineseLlm:Catalog:Url</c> over real HTTP (WireMock): fetched in the background at start and again every
/// <c>RefreshInterval</c> of the DI <c>FakeTimeProvider</c>, revalidated with <c>If-None-Match</c> (a 304 keeps the
/// catalog), a failing, garbage or oversize feed logged with the last good catalog kept, the router routing on what was
/// fetched; and the start-up errors of <c>ChineseLlm:Catalog</c> naming their keys.
/// </summary>
public sealed class CatalogUrlTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private readonly WireMockServer _feed = WireMockServer.Start();

    public void Dispose() => _feed.Dispose();

    private string Url => _feed.Url + "/catalog.json?token=feed-secret-token";

    private Dictionary<string, string?> Settings() => new()
    {
        ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-deepseek-url-test",
        ["ChineseLlm:Providers:Kimi:ApiKey"] = "sk-kimi-url-test",
        ["ChineseLlm:Catalog:Url"] = Url,
        ["ChineseLlm:Catalog:RefreshInterval"] = "00:10:00",
    };

    private static string Document(string asOf, decimal flashInput) =>
        CatalogJson.Price(CatalogJson.AsOf(CatalogJson.Embedded(), asOf), "deepseek", "deepseek-flash", flashInput, 4m).ToJsonString();

    private void Serve(int status, string body, string? etag = null, string contentType = "application/json")
    {
        _feed.ResetMappings();
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (etag is not null)
        {
            response = response.WithHeader("ETag", etag);
        }

        _feed.Given(Request.Create().WithPath("/catalog.json").UsingGet()).RespondWith(response);
    }

    private async Task<CatalogHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = CatalogHost.Build(settings ?? Settings());
        var first = host.FirstUrlLoadApplied();
        await host.StartAsync();
        await first;
        return host;
    }

    [Fact]
    public async Task Url_FetchedAtStart_RefreshedEveryInterval_ETagAnd304KeepTheCatalog()
    {
        Serve(200, Document("2027-02-01", 0.9m), etag: "\"v1\"");
        await using var host = await StartAsync();
        var router = host.Router;

        Assert.Equal(new DateOnly(2027, 2, 1), router.CatalogDate);
        Assert.Equal(0.9m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
        Assert.Equal(_feed.Url + "/catalog.json?…", router.CatalogOrigin); // the query (a token) is never shown
        Assert.Single(_feed.LogEntries);
        Assert.False(_feed.LogEntries[0].RequestMessage.Headers!.ContainsKey("If-None-Match"));

        // Nothing before the interval has passed.
        host.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Single(_feed.LogEntries);

        // The server answers 304 to the ETag it gave: the catalog stays.
        _feed.ResetMappings();
        _feed.Given(Request.Create().WithPath("/catalog.json").WithHeader("If-None-Match", "\"v1\"").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\""));
        var notModified = host.Next(CatalogAttemptOutcome.NotModified);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await notModified;

        Assert.Equal(2, _feed.LogEntries.Count);
        Assert.Equal("\"v1\"", _feed.LogEntries[1].RequestMessage.Headers!["If-None-Match"].Single());
        Assert.Equal(new DateOnly(2027, 2, 1), router.CatalogDate);

        // A new document: in force after the next interval.
        Serve(200, Document("2027-02-02", 0.6m), etag: "\"v2\"");
        var applied = host.Next(CatalogAttemptOutcome.Applied);
        host.Time.Advance(Interval);
        await applied;

        Assert.Equal(new DateOnly(2027, 2, 2), router.CatalogDate);
        Assert.Equal(0.6m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
        Assert.Equal("\"v1\"", _feed.LogEntries[2].RequestMessage.Headers!["If-None-Match"].Single());
        Assert.DoesNotContain(host.Logs, r => r.Message.Contains("feed-secret-token", StringComparison.Ordinal));
    }

    public static TheoryData<string, int, string, string> BadFeeds => new()
    {
        // case, status, body, what the log says
        { "server error", 500, "{\"error\":\"internal\"}", "HTTP 500" },
        { "garbage", 200, "<html><body>502 Bad Gateway</body></html>", "not a catalog document" },
        { "oversize", 200, new string(' ', (int)CatalogLoader.MaxDocumentBytes) + Document("2027-03-01", 0.1m), "larger than" },
        { "invalid rows", 200, "{\"AsOf\":\"2027-03-01\",\"Models\":[{\"Provider\":\"deepseek\",\"Id\":\"deepseek-flash\",\"Tier\":\"Lite\",\"InputPerMillion\":-1,\"OutputPerMillion\":1,\"Source\":\"s\",\"Confidence\":\"doc\",\"CheckedOn\":\"2027-03-01\"}]}", "InputPerMillion" },
    };

    [Theory]
    [MemberData(nameof(BadFeeds))]
    public async Task Url_AFailingFeed_IsLogged_AndTheLastGoodCatalogStays(string @case, int status, string body, string logged)
    {
        Serve(200, Document("2027-02-01", 0.9m));
        await using var host = await StartAsync();
        var router = host.Router;

        Serve(status, body);
        var rejected = host.Next(CatalogAttemptOutcome.Rejected);
        host.Time.Advance(Interval);
        var attempt = await rejected;

        Assert.Contains(logged, attempt.Problem, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 2, 1), router.CatalogDate);
        Assert.Equal(0.9m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
        var warning = Assert.Single(host.Logs, r => r.Id.Name == "CatalogRejected");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(logged, warning.Message, StringComparison.Ordinal);
        Assert.Contains("2027-02-01", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("feed-secret-token", warning.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(@case));
    }

    [Fact]
    public async Task Url_ASlowFeed_DelaysNeitherTheStartNorACall()
    {
        _feed.Given(Request.Create().WithPath("/catalog.json").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Document("2027-02-01", 0.9m))
            .WithDelay(TimeSpan.FromSeconds(5)));
        await using var host = CatalogHost.Build(Settings());
        var applied = host.Next(CatalogAttemptOutcome.Applied);

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(4)); // started while the fetch is still in flight

        Assert.False(applied.IsCompleted);
        Assert.Equal("embedded", host.Router.CatalogOrigin); // the embedded catalog serves until the document arrives
        Assert.Contains(host.Router.Models, m => m.Id == "deepseek-flash");
        await applied;
        Assert.Equal(new DateOnly(2027, 2, 1), host.Router.CatalogDate);
    }

    [Fact]
    public async Task Url_WithoutAHost_IsFetchedWhenTheRouterIsFirstResolved()
    {
        Serve(200, Document("2027-02-01", 0.9m));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CatalogHost.OffPeak));
        services.AddChineseLlm(new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build().GetSection("ChineseLlm"));
        await using var provider = services.BuildServiceProvider();

        var router = provider.GetRequiredService<CostAwareChatClient>();
        var source = provider.GetRequiredService<CatalogSource>();
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Changed += _ => applied.TrySetResult();
        if (source.Current.Origin != "embedded")
        {
            applied.TrySetResult(); // fetched before the test listened
        }

        await applied.Task.WaitAsync(CatalogHost.Patience);

        Assert.Equal(new DateOnly(2027, 2, 1), router.CatalogDate);
        Assert.Equal(0.9m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
    }

    [Fact]
    public async Task Url_UnreachableAtStart_TheEmbeddedCatalogStaysAndTheHostStarts()
    {
        var settings = Settings();
        settings["ChineseLlm:Catalog:Url"] = "http://127.0.0.1:9/catalog.json"; // discard port: nothing listens
        await using var host = CatalogHost.Build(settings);
        var rejected = host.Next(CatalogAttemptOutcome.Rejected);
        await host.StartAsync();

        var attempt = await rejected;

        Assert.Contains("the request failed", attempt.Problem, StringComparison.Ordinal);
        Assert.Equal("embedded", host.Router.CatalogOrigin);
        Assert.Equal(ModelCatalog.Embedded.AsOf, host.Router.CatalogDate);
    }

    [Fact]
    public async Task Url_APriceChangeInTheFeed_FlipsTheRoutersWinner_OverRealHttp()
    {
        using var deepseek = WireMockServer.Start();
        using var kimi = WireMockServer.Start();
        ServeChat(deepseek, "deepseek");
        ServeChat(kimi, "kimi");
        var settings = Settings();
        settings["ChineseLlm:Providers:DeepSeek:Endpoint"] = deepseek.Url;
        settings["ChineseLlm:Providers:Kimi:Endpoint"] = kimi.Url;
        Serve(200, CatalogJson.AsOf(CatalogJson.Embedded(), "2027-02-01").ToJsonString());
        await using var host = await StartAsync(settings);
        var router = host.Services.GetRequiredService<IChatClient>();
        var standard = new ChatOptions().WithTier(ModelTier.Standard);

        var before = await router.GetResponseAsync("你好", standard);
        Assert.Equal(("deepseek", "deepseek-flash"), (before.GetProvider(), before.ModelId));

        // DeepSeek's prices rise tenfold and more in the feed: Kimi is now the cheapest Standard-or-better model.
        Serve(200, CatalogJson.PriceProvider(CatalogJson.AsOf(CatalogJson.Embedded(), "2027-02-02"), "deepseek", 100m, 400m).ToJsonString());
        var applied = host.Next(CatalogAttemptOutcome.Applied);
        host.Time.Advance(Interval);
        await applied;

        var after = await router.GetResponseAsync("你好", standard);
        Assert.Equal(("kimi", "kimi-k2.6"), (after.GetProvider(), after.ModelId));
        var decision = after.GetRoutingDecision()!;
        var flash = decision.Candidates.Single(c => c.ModelId == "deepseek-flash").EstimatedCost;
        var k26 = decision.Candidates.Single(c => c.ModelId == "kimi-k2.6").EstimatedCost;
        Assert.True(flash > k26, $"deepseek-flash {flash} should now cost more than kimi-k2.6 {k26}");
        Assert.Equal(100m, host.Router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
        Assert.Single(deepseek.LogEntries);
    }

    private static void ServeChat(WireMockServer server, string provider)
    {
        var body = JsonNode.Parse(Payload.Read(provider, "chat-plain.json"))!;
        body["model"] = provider == "deepseek" ? "deepseek-flash" : "kimi-k2.6";
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString()));
    }

    [Fact]
    public async Task PathAndUrl_BothSet_FailStartNamingBothKeys()
    {
        var settings = Settings();
        settings["ChineseLlm:Catalog:Path"] = "catalog.json";
        await using var host = CatalogHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Catalog:Path and ChineseLlm:Catalog:Url are exclusive", error.Message, StringComparison.Ordinal);
        Assert.Empty(_feed.LogEntries);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.5")]
    [InlineData("7.00:00:01")]
    [InlineData("-00:01:00")]
    public async Task RefreshInterval_OutOfRange_FailsStartNamingTheKey(string interval)
    {
        var settings = Settings();
        settings["ChineseLlm:Catalog:RefreshInterval"] = interval;
        await using var host = CatalogHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Catalog:RefreshInterval must be between 00:00:01 and 7.00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("7.00:00:00")]
    public async Task RefreshInterval_AtTheEdges_IsAccepted(string interval)
    {
        Serve(200, Document("2027-02-01", 0.9m));
        var settings = Settings();
        settings["ChineseLlm:Catalog:RefreshInterval"] = interval;
        await using var host = await StartAsync(settings);

        Assert.Equal(new DateOnly(2027, 2, 1), host.Router.CatalogDate);
    }

    [Theory]
    [InlineData("file:///etc/catalog.json?token=url-secret", "must be an absolute http or https URI")]
    [InlineData("https://example.com/catalog.json?token=url-secret#top", "must not have a fragment")]
    public async Task Url_Invalid_FailsStartNamingTheKey_WithoutShowingItsQuery(string url, string problem)
    {
        var settings = Settings();
        settings["ChineseLlm:Catalog:Url"] = url;
        await using var host = CatalogHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Catalog:Url " + problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("url-secret", error.Message, StringComparison.Ordinal);
    }
}
