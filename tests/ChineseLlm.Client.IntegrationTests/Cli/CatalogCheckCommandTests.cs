using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>chinesellm catalog check</c> over real HTTP: DeepSeek's <c>GET /models</c> (its OpenAI-style list, as in
/// tests/Payloads/models/deepseek.json) served by WireMock; exit 0 when every routable row is listed, 1 naming the missing one.
/// </summary>
public sealed class CatalogCheckCommandTests : IDisposable
{
    private readonly WireMockServer _deepSeek = WireMockServer.Start();

    [Fact]
    public async Task CatalogCheck_EveryRoutableRowListed_IsHealthyExit0()
    {
        var routable = await RoutableDeepSeekIdsAsync();
        Serve(routable);

        var run = await CliCommandTests.RunAsync(DeepSeekAtWireMock(), "catalog", "check", "--json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("listed", json.RootElement.GetProperty("providers").GetProperty("deepseek").GetString(), StringComparison.Ordinal);
        Assert.Contains(_deepSeek.LogEntries, e => e.RequestMessage.Path == "/models");
        Assert.DoesNotContain("sk-catalog-check", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogCheck_ARoutableRowMissing_IsDegradedExit1AndNamesIt()
    {
        var routable = await RoutableDeepSeekIdsAsync();
        Serve(routable.Skip(1).ToList());

        var run = await CliCommandTests.RunAsync(DeepSeekAtWireMock(), "catalog", "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Degraded", run.Output, StringComparison.Ordinal);
        Assert.Contains(routable[0], run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogCheck_Offline_SaysThereIsNoVendorToAsk()
    {
        var run = await CliCommandTests.RunAsync(new ConfigurationBuilder().Build(), "catalog", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No vendor keys are set", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _deepSeek.Dispose();

    private IConfiguration DeepSeekAtWireMock() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-catalog-check",
        ["ChineseLlm:Providers:DeepSeek:Endpoint"] = _deepSeek.Url,
        ["ChineseLlm:Providers:DeepSeek:MaxRetryAttempts"] = "0",
    }).Build();

    private async Task<List<string>> RoutableDeepSeekIdsAsync()
    {
        var models = await CliCommandTests.RunAsync(DeepSeekAtWireMock(), "models", "--json");
        using var json = JsonDocument.Parse(models.Output);
        var ids = json.RootElement.GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("routable").GetBoolean())
            .Select(m => m.GetProperty("id").GetString()!)
            .ToList();
        Assert.NotEmpty(ids);
        return ids;
    }

    private void Serve(IEnumerable<string> ids)
    {
        var data = string.Join(",", ids.Select(id => string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","object":"model","owned_by":"deepseek"}""")));
        _deepSeek.Given(Request.Create().UsingGet().WithPath("/models")).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{"object":"list","data":[{{data}}]}"""));
    }
}
