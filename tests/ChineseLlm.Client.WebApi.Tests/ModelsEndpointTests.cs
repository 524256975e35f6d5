using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace ChineseLlm.Samples.WebApi;

public sealed class ModelsEndpointTests : IDisposable
{
    private readonly WireMockServer _deepSeek = WireMockServer.Start();

    [Fact]
    public async Task GetModels_OpenAiSdk_ListsTheConfiguredProvidersCatalogModels()
    {
        using var app = new GatewayFactory(_deepSeek, kimi: null, new FakeTimeProvider());

        var result = await app.Models().GetModelsAsync();

        var models = result.Value;
        Assert.Contains(models, m => m.Id == "deepseek-flash" && m.OwnedBy == "deepseek");
        Assert.All(models, m => Assert.Equal("deepseek", m.OwnedBy)); // Kimi has no key: its models are not offered
        Assert.Contains(models, m => m.Id == "deepseek-v4-pro");
        

        using var raw = JsonDocument.Parse(result.GetRawResponse().Content);
        var flash = raw.RootElement.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "deepseek-flash");
        Assert.Equal("model", flash.GetProperty("object").GetString());
        Assert.Equal("advanced", flash.GetProperty("tier").GetString());
        Assert.Equal(1m, flash.GetProperty("input_per_million").GetDecimal());
        Assert.Equal(4m, flash.GetProperty("output_per_million").GetDecimal());
        Assert.True(flash.GetProperty("routable").GetBoolean());
    }

    public void Dispose() => _deepSeek.Dispose();
}
