using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// <c>ChineseLlm:Catalog:Path</c> over real files in a temporary directory: the file replaces the embedded catalog, an
/// edit is re-read once the changes settle (the settle delay runs on the DI <c>FakeTimeProvider</c>), a broken edit is
/// logged and the last good catalog stays, and start-up fails naming the key when the file is missing or invalid.
/// </summary>
public sealed class CatalogPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string?> Settings(string path) => new()
    {
        ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-deepseek-path-test",
        ["ChineseLlm:Providers:Kimi:ApiKey"] = "sk-kimi-path-test",
        ["ChineseLlm:Catalog:Path"] = path,
    };

    /// <summary>The embedded catalog as of 2027-01-05, without kimi-k2.6 and with deepseek-flash at 0.5 / 2.</summary>
    private static string OwnCopy()
    {
        var document = CatalogJson.AsOf(CatalogJson.Embedded(), "2027-01-05");
        var models = document["Models"]!.AsArray();
        models.Remove(CatalogJson.Row(document, "kimi", "kimi-k2.6"));
        CatalogJson.Row(document, "deepseek", "deepseek-flash")["InputPerMillion"] = 0.5m;
        CatalogJson.Row(document, "deepseek", "deepseek-flash")["OutputPerMillion"] = 2m;
        return document.ToJsonString();
    }

    [Fact]
    public async Task Path_ReplacesTheEmbeddedCatalog()
    {
        var path = _dir.File("catalog.json");
        await File.WriteAllTextAsync(path, OwnCopy());
        await using var host = CatalogHost.Build(Settings(path));

        await host.StartAsync();

        var router = host.Router;
        Assert.Equal(new DateOnly(2027, 1, 5), router.CatalogDate);
        Assert.Equal(path, router.CatalogOrigin);
        Assert.DoesNotContain(router.Models, m => m.Id == "kimi-k2.6"); // replaced, not merged: a row the file lacks is gone
        var flash = Assert.Single(router.Models, m => m.Id == "deepseek-flash");
        Assert.Equal((0.5m, 2m), (flash.InputPerMillion, flash.OutputPerMillion));
        Assert.Contains(host.Logs, r => r.Id.Name == "CatalogApplied" && r.Level == LogLevel.Information && r.Message.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Path_EditedFile_IsReloaded_ABrokenEditIsLoggedAndTheLastGoodStays()
    {
        var path = _dir.File("catalog.json");
        await File.WriteAllTextAsync(path, OwnCopy());
        await using var host = CatalogHost.Build(Settings(path));
        await host.StartAsync();
        var router = host.Router;

        var edited = CatalogJson.Price(CatalogJson.AsOf(JsonNode.Parse(OwnCopy())!.AsObject(), "2027-01-06"), "deepseek", "deepseek-flash", 0.25m, 1m);
        await host.EditAsync(path, edited.ToJsonString(), CatalogAttemptOutcome.Applied);

        Assert.Equal(new DateOnly(2027, 1, 6), router.CatalogDate);
        Assert.Equal(0.25m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);

        // Half-saved JSON: rejected, logged, and the catalog of 2027-01-06 stays in force.
        var broken = await host.EditAsync(path, edited.ToJsonString()[..500], CatalogAttemptOutcome.Rejected);

        Assert.Contains("not a catalog document", broken.Problem, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 1, 6), router.CatalogDate);
        Assert.Equal(0.25m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
        var warning = Assert.Single(host.Logs, r => r.Id.Name == "CatalogRejected");
        Assert.Equal((3002, LogLevel.Warning), (warning.Id.Id, warning.Level));
        Assert.Contains("2027-01-06", warning.Message, StringComparison.Ordinal);

        // Valid JSON that breaks the rules (a negative price, a row without Source): rejected too, naming the rows.
        var invalid = JsonNode.Parse(edited.ToJsonString())!.AsObject();
        CatalogJson.Row(invalid, "kimi", "kimi-k3")["OutputPerMillion"] = -1m;
        CatalogJson.Row(invalid, "deepseek", "deepseek-v4-pro").Remove("Source");
        var rejected = await host.EditAsync(path, invalid.ToJsonString(), CatalogAttemptOutcome.Rejected);

        Assert.Contains("OutputPerMillion", rejected.Problem, StringComparison.Ordinal);
        Assert.Contains("(deepseek/deepseek-v4-pro):Source is required", rejected.Problem, StringComparison.Ordinal);
        Assert.Equal(0.25m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);

        // Fixed again: back in force.
        var fixedAgain = CatalogJson.Price(JsonNode.Parse(edited.ToJsonString())!.AsObject(), "deepseek", "deepseek-flash", 0.75m, 3m);
        await host.EditAsync(path, fixedAgain.ToJsonString(), CatalogAttemptOutcome.Applied);
        Assert.Equal(0.75m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
    }

    [Fact]
    public async Task Path_ModelsOverridesStillApplyOnTop_AfterAReloadToo()
    {
        var path = _dir.File("own.json");
        await File.WriteAllTextAsync(path, OwnCopy());
        var settings = Settings(path);
        settings["ChineseLlm:Models:0:Provider"] = "deepseek";
        settings["ChineseLlm:Models:0:Id"] = "deepseek-v4-pro";
        settings["ChineseLlm:Models:0:InputPerMillion"] = "3";
        settings["ChineseLlm:Models:0:OutputPerMillion"] = "9";
        settings["ChineseLlm:Models:0:Source"] = "our contract price";
        await using var host = CatalogHost.Build(settings);
        await host.StartAsync();
        var router = host.Router;

        Assert.Equal((3m, 9m), router.Models.Single(m => m.Id == "deepseek-v4-pro") is var pro ? (pro.InputPerMillion, pro.OutputPerMillion) : default);
        Assert.Equal(0.5m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion); // from the file

        var edited = CatalogJson.Price(CatalogJson.Price(JsonNode.Parse(OwnCopy())!.AsObject(), "deepseek", "deepseek-v4-pro", 40m, 80m), "deepseek", "deepseek-flash", 0.3m, 1.2m);
        await host.EditAsync(path, edited.ToJsonString(), CatalogAttemptOutcome.Applied);

        var overridden = router.Models.Single(m => m.Id == "deepseek-v4-pro");
        Assert.Equal((3m, 9m, "our contract price"), (overridden.InputPerMillion, overridden.OutputPerMillion, overridden.Source));
        Assert.Equal(0.3m, router.Models.Single(m => m.Id == "deepseek-flash").InputPerMillion);
    }

    [Fact]
    public async Task Path_FileStillBeingWrittenWhileTheHostStops_DisposeNeverHangs()
    {
        // A change callback that ran while Dispose held the source's lock waited for that lock while Dispose waited for
        // the callback (seen as a hung test run: a test's own edit still raised events as its host was disposed). Here
        // the file is rewritten without pause while each host stops, so callbacks keep arriving during Dispose: with the
        // lock held over the watch's disposal, 300 rounds hung at round 21; without it they pass in a few seconds.
        var path = _dir.File("busy.json");
        await File.WriteAllTextAsync(path, OwnCopy());
        var text = OwnCopy();
        for (var round = 0; round < 300; round++)
        {
            var host = CatalogHost.Build(Settings(path));
            await host.StartAsync();
            var seen = host.NextFileChange();
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await File.WriteAllTextAsync(path, text, CancellationToken.None);
                }
            });
            await seen;

            var disposed = Task.Run(() => host.DisposeAsync().AsTask());
            var finished = await Task.WhenAny(disposed, Task.Delay(CatalogHost.Patience)) == disposed;
            await stop.CancelAsync();
            await writer;
            Assert.True(finished, $"round {round}: the host's Dispose did not return within {CatalogHost.Patience}");
            await disposed;
        }
    }

    [Fact]
    public async Task Path_Missing_FailsStartNamingTheKey()
    {
        var path = _dir.File("nowhere.json");
        await using var host = CatalogHost.Build(Settings(path));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Catalog:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not a catalog document")]
    [InlineData("{\"AsOf\":\"2026-12-01\",\"Models\":[]}", "Models has no rows")]
    [InlineData("{\"AsOf\":\"2026-12-01\",\"Currency\":\"USD\",\"Models\":[{\"Provider\":\"deepseek\",\"Id\":\"x\",\"Tier\":\"Lite\",\"Source\":\"s\",\"Confidence\":\"doc\",\"CheckedOn\":\"2026-12-01\"}]}", "Currency must be CNY")]
    [InlineData("{\"AsOf\":\"2026-12-01\",\"Models\":[{\"Provider\":\"deepseek\",\"Id\":\"x\",\"Tier\":\"Lite\",\"Source\":\"s\",\"Confidence\":\"guess\",\"CheckedOn\":\"2026-12-01\"}]}", "Confidence must be one of")]
    [InlineData("{\"AsOf\":\"2026-12-01\",\"Modles\":[]}", "not a catalog document")]
    public async Task Path_Invalid_FailsStartNamingTheKey(string content, string problem)
    {
        var path = _dir.File("bad.json");
        await File.WriteAllTextAsync(path, content);
        await using var host = CatalogHost.Build(Settings(path));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Catalog:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_AnOverrideTheFileNoLongerHasARowFor_FailsStartNamingTheOverride()
    {
        var path = _dir.File("catalog.json");
        await File.WriteAllTextAsync(path, OwnCopy()); // no kimi-k2.6 row
        var settings = Settings(path);
        settings["ChineseLlm:Models:0:Provider"] = "kimi";
        settings["ChineseLlm:Models:0:Id"] = "kimi-k2.6";
        settings["ChineseLlm:Models:0:InputPerMillion"] = "1";
        await using var host = CatalogHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ChineseLlm:Models:0:Tier is required", error.Message, StringComparison.Ordinal);
    }
}
