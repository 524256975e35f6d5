using ChineseLlm.Client;
using ChineseLlm.Samples.WebApi;
using ChineseLlm.Samples.WebApi.OpenAi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// An OpenAI-compatible gateway to China's LLM APIs: any OpenAI client (SDK, LangChain, curl) talks to the
// cost-aware router. Keys come from configuration: appsettings, user secrets or environment variables such as
// ChineseLlm__Providers__DeepSeek__ApiKey.
var builder = WebApplication.CreateBuilder(args);

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));
builder.Services.AddChineseLlm(builder.Configuration.GetSection(ChineseLlmOptions.SectionName));

// Spans and metrics of every provider call (gen_ai.* conventions, cost in CNY), printed when Telemetry:Console is true.
if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(ChineseLlmTelemetry.SourceName).AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(ChineseLlmTelemetry.MeterName).AddConsoleExporter());
}

var app = builder.Build();

app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
app.MapGet("/v1/models", ModelsEndpoint.Get);
app.MapGet("/", () => "ChineseLlm.Client OpenAI-compatible gateway: POST /v1/chat/completions, GET /v1/models");

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
