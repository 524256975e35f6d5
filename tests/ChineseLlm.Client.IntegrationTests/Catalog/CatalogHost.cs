using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// A generic host with <c>AddChineseLlm</c> over in-memory configuration, a <see cref="FakeTimeProvider"/> and a fake
/// log collector, plus waits on the catalog source's events (each with a generous timeout, never a sleep).
/// </summary>
internal sealed class CatalogHost : IAsyncDisposable
{
    /// <summary>How long a test waits for a file event or a fetch before it fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Saturday 2026-11-21 12:00 Beijing: off-peak prices.</summary>
    public static readonly DateTimeOffset OffPeak = new(2026, 11, 21, 4, 0, 0, TimeSpan.Zero);

    private bool _started;

    private CatalogHost(IHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => Host.Services;

    public CostAwareChatClient Router => Services.GetRequiredService<CostAwareChatClient>();

    public CatalogSource Source => Services.GetRequiredService<CatalogSource>();

    public IReadOnlyList<FakeLogRecord> Logs => Services.GetFakeLogCollector().GetSnapshot();

    public static CatalogHost Build(IDictionary<string, string?> settings)
    {
        var time = new FakeTimeProvider(OffPeak);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        builder.Services.AddChineseLlm(builder.Configuration.GetSection("ChineseLlm"));
        return new CatalogHost(builder.Build(), time);
    }

    /// <summary>Starts waiting for the next load of the source that matches <paramref name="outcome"/> (call before causing it).</summary>
    public Task<CatalogAttempt> Next(CatalogAttemptOutcome outcome)
    {
        var source = Source;
        var done = new TaskCompletionSource<CatalogAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(CatalogAttempt attempt)
        {
            if (attempt.Outcome == outcome && done.TrySetResult(attempt))
            {
                source.Attempted -= Handler;
            }
        }

        source.Attempted += Handler;
        return done.Task.WaitAsync(Patience);
    }

    /// <summary>
    /// Waits for the source's first load of its URL to be applied. That load starts as the source is built, so it may be
    /// over before any listener could attach (seen when a busy machine delayed the test's thread): then the catalog in
    /// force, set before the event is raised, is no longer the embedded one.
    /// </summary>
    public Task FirstUrlLoadApplied()
    {
        var next = Next(CatalogAttemptOutcome.Applied);
        return Source.Current.Origin == "embedded" ? next : Task.CompletedTask;
    }

    /// <summary>Starts waiting for the watcher to see the file change (call before writing it).</summary>
    public Task NextFileChange()
    {
        var source = Source;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler()
        {
            if (done.TrySetResult())
            {
                source.FileChangeSeen -= Handler;
            }
        }

        source.FileChangeSeen += Handler;
        return done.Task.WaitAsync(Patience);
    }

    /// <summary>Writes <paramref name="text"/> to the watched file and waits until the source has re-read it with <paramref name="outcome"/>.</summary>
    public async Task<CatalogAttempt> EditAsync(string path, string text, CatalogAttemptOutcome outcome)
    {
        var seen = NextFileChange();
        var loaded = Next(outcome);
        await File.WriteAllTextAsync(path, text);
        await seen;
        Time.Advance(CatalogSource.FileSettleDelay); // the changes have settled: the timer re-reads the file
        return await loaded;
    }

    /// <summary>Starts the host (options validated, hosted services started).</summary>
    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Host.StopAsync(); // a host that failed to start cannot be stopped
        }

        Host.Dispose();
    }
}

/// <summary>Catalog documents for the tests: the embedded catalog with edits.</summary>
internal static class CatalogJson
{
    public static JsonObject Embedded() => JsonNode.Parse(ModelCatalog.ReadEmbeddedJson())!.AsObject();

    public static JsonObject Row(JsonObject document, string provider, string id) =>
        document["Models"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => (string?)r["Provider"] == provider && (string?)r["Id"] == id);

    /// <summary>Gives every row of <paramref name="provider"/> one flat price (no bands, no time windows).</summary>
    public static JsonObject PriceProvider(JsonObject document, string provider, decimal input, decimal output)
    {
        foreach (var row in document["Models"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["Provider"] == provider))
        {
            row["InputPerMillion"] = input;
            row["OutputPerMillion"] = output;
            row.Remove("CachedInputPerMillion");
            row.Remove("ThinkingOutputPerMillion");
            row.Remove("Bands");
            row.Remove("TimeWindows");
        }

        return document;
    }

    public static JsonObject Price(JsonObject document, string provider, string id, decimal input, decimal output)
    {
        var row = Row(document, provider, id);
        row["InputPerMillion"] = input;
        row["OutputPerMillion"] = output;
        row.Remove("CachedInputPerMillion");
        row.Remove("Bands");
        row.Remove("TimeWindows");
        return document;
    }

    public static JsonObject AsOf(JsonObject document, string asOf)
    {
        document["AsOf"] = asOf;
        return document;
    }
}

/// <summary>A temporary directory, deleted with its files.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chinesellm-catalog-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory for a moment; the OS cleans temp.
        }
    }
}
