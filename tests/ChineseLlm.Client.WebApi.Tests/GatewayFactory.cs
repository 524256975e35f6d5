using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using WireMock.Server;

namespace ChineseLlm.Samples.WebApi;

/// <summary>
/// Hosts the sample in memory, configured the way a user configures it (<c>ChineseLlm:Providers:*</c> settings), with the
/// providers' <c>Endpoint</c> pointed at WireMock servers, and builds official OpenAI SDK clients that talk to it.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string ProviderApiKey = "sk-gateway-provider-secret-91b2";

    private readonly WireMockServer? _deepSeek;
    private readonly WireMockServer? _kimi;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="deepSeek">DeepSeek's server, or null for no DeepSeek key.</param>
    /// <param name="kimi">Kimi's server, or null for no Kimi key.</param>
    /// <param name="time">The clock, or null for the system's (the offline simulator's latencies run on it).</param>
    /// <param name="services">More services, e.g. a log collector.</param>
    public GatewayFactory(WireMockServer? deepSeek, WireMockServer? kimi, FakeTimeProvider? time, Action<IServiceCollection>? services = null)
    {
        _deepSeek = deepSeek;
        _kimi = kimi;
        _time = time;
        _services = services;
    }

    public ChatClient Chat(string model) => new(model, new ApiKeyCredential("sk-gateway-caller"), OpenAiOptions());

    public OpenAIModelClient Models() => new(new ApiKeyCredential("sk-gateway-caller"), OpenAiOptions());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        Configure(builder, "DeepSeek", _deepSeek);
        Configure(builder, "Kimi", _kimi);
        builder.ConfigureServices(services =>
        {
            if (_time is not null)
            {
                services.AddSingleton(_time);
            }

            _services?.Invoke(services);
        });
    }

    private static void Configure(IWebHostBuilder builder, string provider, WireMockServer? server)
    {
        var section = "ChineseLlm:Providers:" + provider + ":";
        builder.UseSetting(section + "ApiKey", server is null ? string.Empty : ProviderApiKey);
        if (server is not null)
        {
            builder.UseSetting(section + "Endpoint", server.Url);
            builder.UseSetting(section + "MaxRetryAttempts", "0");
        }
    }

    private OpenAIClientOptions OpenAiOptions() => new()
    {
        Endpoint = new Uri("http://localhost/v1"),
        Transport = new HttpClientPipelineTransport(CreateClient()),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };
}
