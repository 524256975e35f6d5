using ChineseLlm.Client.Catalog;
using ChineseLlm.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// The library as the command runs it: with keys (the vendors' variables or <c>ChineseLlm__Providers__*</c>) the real
/// vendors; without, the provider simulator with the console demo's scripted vendors — nothing leaves the machine.
/// </summary>
/// <param name="online">Whether keys were found, so the real vendors are called.</param>
/// <param name="services">The container the command resolves the router from.</param>
/// <param name="configuration">The configuration in force (offline: with the simulator's placeholder keys).</param>
internal sealed class CliSession(bool online, ServiceProvider services, IConfiguration configuration) : IAsyncDisposable
{
    public bool Online { get; } = online;

    public ServiceProvider Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;

    public CostAwareChatClient Router => Services.GetRequiredService<CostAwareChatClient>();

    /// <summary>The line that says which mode the command runs in (written to standard error).</summary>
    public string ModeLine => Online
        ? $"Online: the real vendors with your keys ({string.Join(", ", Router.Providers)})."
        : "Offline: no keys found, so a simulator answers in each vendor's real wire format. Set e.g. DEEPSEEK_API_KEY to call the real vendors.";

    /// <summary>Starts a session over the catalog of <c>--catalog</c> (a file or an http(s) URL, loaded once), or the configured one.</summary>
    /// <returns>The session; <see langword="null"/> when the catalog cannot be used (the reason is written to standard error).</returns>
    public static async Task<CliSession?> StartAsync(CliContext context, string? catalog, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        CatalogSnapshot? snapshot = null;
        var label = "--catalog";
        if (catalog is null && context.Configuration[CatalogSource.OptionsPath + ":Url"] is { Length: > 0 } configured)
        {
            // A run is too short for a background refresh: a configured Url is read once, before the command, like --catalog.
            catalog = configured;
            label = CatalogSource.OptionsPath + ":Url";
        }

        if (catalog is not null)
        {
            snapshot = await LoadCatalogAsync(context, catalog, label, cancellationToken);
            if (snapshot is null)
            {
                return null;
            }
        }

        return Start(context.Configuration, configure, snapshot);
    }

    public static CliSession Start(IConfiguration configuration, Action<IServiceCollection>? configure = null, CatalogSnapshot? catalog = null)
    {
        var online = VendorKeys.HasAny(configuration);
        var services = new ServiceCollection();
        if (catalog is not null)
        {
            services.AddSingleton(CatalogSource.Fixed(catalog)); // before AddChineseLlm, whose own source is only a default
        }

        if (online)
        {
            services.AddChineseLlm(configuration);
        }
        else
        {
            configuration = new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(OfflineScript.PlaceholderSettings())
                .Build();
            services.AddChineseLlm(configuration).UseProviderSimulator(OfflineScript.Apply);
        }

        configure?.Invoke(services);
        return new CliSession(online, services.BuildServiceProvider(), configuration);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>Reads <c>--catalog</c> with the library's own reader and checks (CatalogLoader / CatalogFeed); writes why it cannot be used.</summary>
    private static async Task<CatalogSnapshot?> LoadCatalogAsync(CliContext context, string catalog, string label, CancellationToken cancellationToken)
    {
        var options = new ChineseLlmOptions();
        context.Configuration.GetSection(ChineseLlmOptions.SectionName).Bind(options);
        var rule = new TierRule(options.Routing?.TierRule ?? new TierRuleOptions());
        if (string.IsNullOrWhiteSpace(catalog))
        {
            context.Error.WriteLine($"{label}: give a catalog file or an http(s) URL.");
            return null;
        }

        CatalogLoadResult result;
        string origin;
        if (Uri.TryCreate(catalog, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            origin = CatalogSource.Describe(url);
            using var http = new HttpClient { Timeout = CatalogFeed.Timeout };
            var answer = await CatalogFeed.FetchAsync(http, url, etag: null, options.Models, rule, cancellationToken);
            result = answer.Result ?? CatalogLoadResult.Failed("the server answered 304 Not Modified to a request without If-None-Match");
        }
        else
        {
            origin = Path.GetFullPath(catalog);
            result = CatalogLoader.LoadFile(catalog, options.Models, rule);
        }

        if (result.Document is null)
        {
            context.Error.WriteLine($"{label} {origin}: the catalog cannot be used: {result.Describe()}");
            return null;
        }

        return new CatalogSnapshot(result.Document, origin);
    }
}
