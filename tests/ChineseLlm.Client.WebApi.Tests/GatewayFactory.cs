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
    private readonly TimeProvider _time;

    public GatewayFactory(WireMockServer? deepSeek, WireMockServer? kimi, FakeTimeProvider time)
    {
        _deepSeek = deepSeek;
        _kimi = kimi;
        _time = time;
    }

    public ChatClient Chat(string model) => new(model, new ApiKeyCredential("sk-gateway-caller"), OpenAiOptions());

    public OpenAIModelClient Models() => new(new ApiKeyCredential("sk-gateway-caller"), OpenAiOptions());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        Configure(builder, "DeepSeek", _deepSeek);
        Configure(builder, "Kimi", _kimi);
        builder.ConfigureServices(services => services.AddSingleton(_time));
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
