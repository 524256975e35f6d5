using System.Text.Json;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>--catalog PATH|URL</c> on the <c>chinesellm</c> commands, in-process and offline: a file in a temporary directory
/// or a document served over real HTTP (WireMock) is the catalog of the run; a bad one is a clear error and exit 2.
/// </summary>
public sealed class CatalogOptionTests : IDisposable
{
    private static readonly IConfiguration s_noKeys = new ConfigurationBuilder().Build();
    private readonly TempDirectory _dir = new();
    private readonly WireMockServer _feed = WireMockServer.Start();

    public void Dispose()
    {
        _dir.Dispose();
        _feed.Dispose();
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliCommandTests.RunAsync(s_noKeys, args);

    private static JsonObject OwnCopy() => CatalogJson.Price(CatalogJson.AsOf(CatalogJson.Embedded(), "2027-01-05"), "deepseek", "deepseek-flash", 0.5m, 2m);

    private string Write(JsonObject document, string name = "catalog.json")
    {
        var path = _dir.File(name);
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Models_CatalogFile_IsTheCatalogOfTheRun()
    {
        var document = OwnCopy();
        document["Models"]!.AsArray().Remove(CatalogJson.Row(document, "deepseek", "deepseek-v4-pro"));
        var path = Write(document);

        var run = await RunAsync("models", "--provider", "deepseek", "--json", "--catalog", path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("2027-01-05", json.RootElement.GetProperty("catalog_date").GetString());
        Assert.Equal(path, json.RootElement.GetProperty("catalog_origin").GetString());
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.DoesNotContain(models, m => m.GetProperty("id").GetString() == "deepseek-v4-pro");
        var flash = Assert.Single(models, m => m.GetProperty("id").GetString() == "deepseek-flash");
        Assert.Equal(0.5m, flash.GetProperty("input_per_million").GetDecimal());

        var table = await RunAsync("models", "--catalog", path);
        Assert.Contains($"Catalog of 2027-01-05 ({path})", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_CatalogUrl_IsFetchedOnce_AndShownWithoutItsQuery()
    {
        _feed.Given(Request.Create().WithPath("/catalog.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(OwnCopy().ToJsonString()));

        var run = await RunAsync("models", "--json", "--catalog", _feed.Url + "/catalog.json?token=cli-secret");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("2027-01-05", json.RootElement.GetProperty("catalog_date").GetString());
        Assert.Equal(_feed.Url + "/catalog.json?…", json.RootElement.GetProperty("catalog_origin").GetString());
        Assert.Single(_feed.LogEntries);
        Assert.DoesNotContain("cli-secret", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_ConfiguredCatalogUrl_IsReadOnceBeforeTheCommand()
    {
        _feed.Given(Request.Create().WithPath("/catalog.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(OwnCopy().ToJsonString()));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Catalog:Url"] = _feed.Url + "/catalog.json",
        }).Build();

        var run = await CliCommandTests.RunAsync(configuration, "models", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("2027-01-05", json.RootElement.GetProperty("catalog_date").GetString());
        Assert.Single(_feed.LogEntries);
    }

    [Fact]
    public async Task Route_CatalogFile_DecidesOnItsPrices()
    {
        string[] route = ["route", "你好", "--tier", "Standard", "--at", "2026-11-21T12:00:00+08:00", "--json"];
        var embedded = await RunAsync(route);
        Assert.Equal(0, embedded.ExitCode);
        var winner = JsonNode.Parse(embedded.Output)!["chosen"]!;
        var provider = (string)winner["provider"]!;

        // The embedded winner's provider becomes the dearest by far: another provider wins.
        var path = Write(CatalogJson.PriceProvider(CatalogJson.AsOf(CatalogJson.Embedded(), "2027-01-05"), provider, 900m, 900m));
        var run = await RunAsync([.. route, "--catalog", path]);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual(provider, (string)JsonNode.Parse(run.Output)!["chosen"]!["provider"]!);
    }

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "models" },
        new[] { "route", "你好", "--tier", "Standard" },
        new[] { "ask", "你好" },
        new[] { "catalog", "check" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EachCommand_MissingCatalogFile_IsAClearErrorAndExit2(string[] command)
    {
        var path = _dir.File("missing.json");

        var run = await RunAsync([.. command, "--catalog", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--catalog {path}: the catalog cannot be used: the file '{path}' does not exist.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData(200, "<html>502 Bad Gateway</html>", "not a catalog document")]
    [InlineData(404, "{\"message\":\"Not Found\"}", "HTTP 404")]
    [InlineData(200, "{\"AsOf\":\"2027-01-05\",\"Models\":[{\"Provider\":\"deepseek\",\"Id\":\"x\",\"Tier\":\"Lite\",\"InputPerMillion\":-2,\"OutputPerMillion\":1,\"Source\":\"s\",\"Confidence\":\"doc\",\"CheckedOn\":\"2027-01-05\"}]}", "InputPerMillion")]
    public async Task Models_BadCatalogUrl_IsAClearErrorAndExit2(int status, string body, string problem)
    {
        _feed.Given(Request.Create().WithPath("/catalog.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var run = await RunAsync("models", "--catalog", _feed.Url + "/catalog.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--catalog {_feed.Url}/catalog.json: the catalog cannot be used:", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Models_BrokenCatalogFile_IsAClearErrorAndExit2()
    {
        var path = _dir.File("broken.json");
        await File.WriteAllTextAsync(path, OwnCopy().ToJsonString()[..300]);

        var run = await RunAsync("models", "--catalog", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a catalog document", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NamesTheCatalogOption()
    {
        var run = await RunAsync("models", "--help");

        Assert.Contains("--catalog <PATH|URL>", run.Output, StringComparison.Ordinal);
    }
}
