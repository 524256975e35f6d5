using System.Text.Encodings.Web;
using ChineseLlm.Client;
using ChineseLlm.Samples;
using ChineseLlm.Samples.WebApi;
using ChineseLlm.Samples.WebApi.OpenAi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// An OpenAI-compatible gateway to China's LLM APIs: any OpenAI client (SDK, LangChain, curl) talks to the
// cost-aware router. Keys come from configuration: appsettings, user secrets, environment variables such as
// ChineseLlm__Providers__DeepSeek__ApiKey, or the vendors' own variables (DEEPSEEK_API_KEY, MOONSHOT_API_KEY, …).
// Without any key it runs offline, exactly as the console demo: the provider simulator answers in each vendor's format.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddVendorVariables();
var online = VendorKeys.HasAny(builder.Configuration);
if (!online)
{
    builder.Configuration.AddInMemoryCollection(OfflineScript.PlaceholderSettings());
}

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default);
    o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // Chinese and '<' as themselves
});
var chineseLlm = builder.Services.AddChineseLlm(builder.Configuration.GetSection(ChineseLlmOptions.SectionName));
if (!online)
{
    chineseLlm.UseProviderSimulator(OfflineScript.Apply);
}

// Spans and metrics of every provider call (gen_ai.* conventions, cost in CNY), printed when Telemetry:Console is true.
if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(ChineseLlmTelemetry.SourceName).AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(ChineseLlmTelemetry.MeterName).AddConsoleExporter());
}

var app = builder.Build();

var providers = string.Join(", ", chineseLlm.EnabledProviders);
if (online)
{
    GatewayLog.Online(app.Logger, providers);
}
else
{
    GatewayLog.Offline(app.Logger, providers);
}

app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
app.MapGet("/v1/models", ModelsEndpoint.Get);
app.MapGet("/", () => "ChineseLlm.Client OpenAI-compatible gateway: POST /v1/chat/completions, GET /v1/models");

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
