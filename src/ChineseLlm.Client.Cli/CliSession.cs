using ChineseLlm.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// The library as the command runs it: with keys (the vendors' variables or <c>ChineseLlm__Providers__*</c>) the real
/// vendors; without, the provider simulator with the console demo's scripted vendors — nothing leaves the machine.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private CliSession(bool online, ServiceProvider services, IConfiguration configuration)
    {
        Online = online;
        Services = services;
        Configuration = configuration;
    }

    /// <summary>Gets a value indicating whether keys were found, so the real vendors are called.</summary>
    public bool Online { get; }

    public ServiceProvider Services { get; }

    /// <summary>Gets the configuration in force (offline: with the simulator's placeholder keys).</summary>
    public IConfiguration Configuration { get; }

    public CostAwareChatClient Router => Services.GetRequiredService<CostAwareChatClient>();

    /// <summary>The line that says which mode the command runs in (written to standard error).</summary>
    public string ModeLine => Online
        ? $"Online: the real vendors with your keys ({string.Join(", ", Router.Providers)})."
        : "Offline: no keys found, so a simulator answers in each vendor's real wire format. Set e.g. DEEPSEEK_API_KEY to call the real vendors.";

    public static CliSession Start(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var online = VendorKeys.HasAny(configuration);
        var services = new ServiceCollection();
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
}
