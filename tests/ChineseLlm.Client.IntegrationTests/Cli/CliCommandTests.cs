using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// The <c>chinesellm</c> commands in-process, offline (no keys in the configuration they get): models, route, ask, the
/// JSON for scripts, help and bad input.
/// </summary>
public sealed class CliCommandTests
{
    private static readonly IConfiguration s_noKeys = new ConfigurationBuilder().Build();

    [Fact]
    public async Task Models_Offline_ListsTheCatalogWithPricesSourceCheckedOnAndRoutable()
    {
        var run = await RunAsync(s_noKeys, "models");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Offline", run.Error, StringComparison.Ordinal);
        foreach (var header in new[] { "TIER", "PRICES", "BANDS", "SOURCE", "CHECKED", "QUALITY", "ROUTABLE" })
        {
            Assert.Contains(header, run.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"deepseek\s+deepseek-flash\s+Advanced\s+1 / 0\.02 / 4", run.Output);
        Assert.Matches(@"kimi\s+kimi-k3\.1-pro\s.*no: price unknown", run.Output); // unpriced: pinnable, never chosen by tier
    }

    [Fact]
    public async Task Models_ProviderAndTierFilters_Json()
    {
        var run = await RunAsync(s_noKeys, "models", "--provider", "deepseek", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.All(models, m => Assert.Equal("deepseek", m.GetProperty("provider").GetString()));
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "deepseek-v4-pro");
        var flash = Assert.Single(models, m => m.GetProperty("id").GetString() == "deepseek-flash");
        Assert.Equal(1m, flash.GetProperty("input_per_million").GetDecimal());
        Assert.Equal(4m, flash.GetProperty("output_per_million").GetDecimal());
        Assert.True(flash.GetProperty("routable").GetBoolean());
        var services = new ServiceCollection();
        services.AddChineseLlm(o => o.Providers.DeepSeek.ApiKey = "sk-catalog");
        await using (var provider = services.BuildServiceProvider())
        {
            var card = provider.GetRequiredService<CostAwareChatClient>().Models.Single(m => m.Id == "deepseek-flash");
            Assert.Equal(card.CheckedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), flash.GetProperty("checked_on").GetString());
            Assert.Equal(card.Source, flash.GetProperty("source").GetString());
            Assert.Equal(card.Confidence, flash.GetProperty("confidence").GetString());
        }

        var flagship = await RunAsync(s_noKeys, "models", "--tier", "Flagship", "--json");
        using var flagshipJson = JsonDocument.Parse(flagship.Output);
        Assert.All(flagshipJson.RootElement.GetProperty("models").EnumerateArray(), m => Assert.Equal("Flagship", m.GetProperty("tier").GetString()));
    }

    [Fact]
    public async Task Route_Json_CandidatesInCostOrderWithSkipReasons_AndTheOutputTokensAsked()
    {
        var run = await RunAsync(s_noKeys, "route", "用一句话介绍你自己", "--tier", "Standard", "--at", "2026-11-23T10:00:00+08:00", "--output-tokens", "200", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("Standard", root.GetProperty("tier").GetString());
        Assert.Equal(200, root.GetProperty("estimated_output_tokens").GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:00:00Z", CultureInfo.InvariantCulture), root.GetProperty("decided_at").GetDateTimeOffset());
        var costs = root.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("estimated_cost").GetDecimal()).ToList();
        Assert.NotEmpty(costs);
        Assert.Equal(costs.Order(), costs);
        var first = root.GetProperty("candidates")[0];
        Assert.Equal(first.GetProperty("model").GetString(), root.GetProperty("chosen").GetProperty("model").GetString());
        var reasons = root.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("reason").GetString()).ToHashSet();
        Assert.Contains("TierTooLow", reasons);
    }

    [Fact]
    public async Task Route_PeakHoursCostMoreForDeepSeek_AndNothingIsSent()
    {
        // DeepSeek's key, at an address where nothing listens: the route is decided without any call.
        var deepSeekOnly = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-never-sent",
            ["ChineseLlm:Providers:DeepSeek:Endpoint"] = "http://127.0.0.1:9",
        }).Build();

        var peak = await RunAsync(deepSeekOnly, "route", "你好", "--tier", "Advanced", "--at", "2026-11-23T10:00:00+08:00", "--json");
        var offPeak = await RunAsync(deepSeekOnly, "route", "你好", "--tier", "Advanced", "--at", "2026-11-22T12:00:00+08:00", "--json");

        Assert.Equal(0, peak.ExitCode);
        Assert.Contains("Online", peak.Error, StringComparison.Ordinal);
        using var peakJson = JsonDocument.Parse(peak.Output);
        using var offPeakJson = JsonDocument.Parse(offPeak.Output);
        var peakCost = peakJson.RootElement.GetProperty("chosen").GetProperty("estimated_cost").GetDecimal();
        var offPeakCost = offPeakJson.RootElement.GetProperty("chosen").GetProperty("estimated_cost").GetDecimal();
        Assert.Equal("deepseek-flash", peakJson.RootElement.GetProperty("chosen").GetProperty("model").GetString());
        Assert.Equal(offPeakCost * 2, peakCost);
        Assert.DoesNotContain("sk-never-sent", peak.Output + peak.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_Table_SaysWhatWouldBeCalledAndThatNothingWasSent()
    {
        var run = await RunAsync(s_noKeys, "route", "你好", "--tier", "Lite");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Would call ", run.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", run.Output, StringComparison.Ordinal);
        Assert.Contains("Skipped:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Offline_StreamsTheSimulatedAnswerThenProviderTokensAndCost()
    {
        var run = await RunAsync(s_noKeys, "ask", "用一句话介绍你自己", "--tier", "Standard");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("（模拟）", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"— [a-z]+/[^ ]+ · 18 in, \d+ out · 0\.\d+ CNY", run.Output);
        Assert.Contains("Waiting for the answer (Standard)", run.Error, StringComparison.Ordinal); // progress, on stderr
    }

    [Fact]
    public async Task Ask_Json_PinnedModel()
    {
        var run = await RunAsync(s_noKeys, "ask", "你好", "--model", "kimi/kimi-k2.6", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("kimi", json.RootElement.GetProperty("provider").GetString());
        Assert.Contains("Kimi（模拟）", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("cost").GetDecimal() > 0m);
        Assert.Equal("CNY", json.RootElement.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Ask_TierAndModelTogether_IsRefused()
    {
        var run = await RunAsync(s_noKeys, "ask", "你好", "--tier", "Lite", "--model", "kimi-k2.6");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not both", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommandsAndTheirOptions()
    {
        var root = await RunAsync(s_noKeys, "--help");
        var route = await RunAsync(s_noKeys, "route", "--help");

        Assert.Equal(0, root.ExitCode);
        foreach (var command in new[] { "models", "route", "ask" })
        {
            Assert.Contains(command, root.Output, StringComparison.Ordinal);
        }

        foreach (var option in new[] { "--tier", "--at", "--output-tokens", "--json" })
        {
            Assert.Contains(option, route.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Route_BadTime_SaysWhatIsExpected()
    {
        var run = await RunAsync(s_noKeys, "route", "你好", "--at", "tomorrow");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ISO 8601", run.Error, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(IConfiguration configuration, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await CliApp.RunAsync(args, configuration, output, error, interactive: false);
        return (exitCode, output.ToString(), error.ToString());
    }
}
