using System.Net;
using System.Text.Json;
using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Providers.StepFun;

/// <summary>StepFun through its descriptor: the dialect's request, the fixtures' mapping and the DI wiring (facts: docs/protocols/stepfun.md).</summary>
public sealed class StepFunDialectTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "stepfun", file));

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static string RequestJson(ChatOptions? options, bool stream = false) => JsonSerializer.Serialize(
        OpenAiCompatibleProtocol.ToWireRequest(StepFunDialect.Instance, "step-3.7-flash", [new(ChatRole.User, "hi")], options, stream),
        OpenAiCompatibleJsonContext.Default.ChatCompletionRequest);

    [Fact]
    public void ToWireRequest_Plain_AsksForTheDeepSeekReasoningField()
    {
        Assert.Equal(
            """{"model":"step-3.7-flash","messages":[{"role":"user","content":"hi"}],"reasoning_format":"deepseek-style"}""",
            RequestJson(options: null));
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "high")]
    public void ToWireRequest_ReasoningEffort_MapsToStepFunsThreeLevels(ReasoningEffort effort, string expected)
    {
        using var json = JsonDocument.Parse(RequestJson(new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } }));

        Assert.Equal(expected, json.RootElement.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public void ToWireRequest_CallerReasoningFormat_Wins()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["reasoning_format"] = "general" } };

        using var json = JsonDocument.Parse(RequestJson(options));

        Assert.Equal("general", json.RootElement.GetProperty("reasoning_format").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_OverDi_PostsToTheDocumentedPathAndMapsReasoningAndCachedTokens()
    {
        var handler = new RecordingHttpHandler(Fixture("chat-plain.json"));
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(("ChineseLlm:Providers:StepFun:ApiKey", "sk-step-123")).GetSection("ChineseLlm"));
        services.AddHttpClient("ChineseLlm.stepfun").ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IChatClient>("stepfun");

        var response = await client.GetResponseAsync("你好");

        var request = handler.Requests[0].Request;
        Assert.Equal("https://api.stepfun.com/v1/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer sk-step-123", request.Headers.Authorization!.ToString());
        Assert.Equal("你好！我是阶跃星辰的 Step 大模型，有什么可以帮你？", response.Text);
        Assert.Equal("用户在打招呼，简单介绍自己即可。", response.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text);
        Assert.Equal("step-3.7-flash", response.ModelId);
        Assert.Equal(83, response.Usage!.InputTokenCount);
        Assert.Equal(64, response.Usage.CachedInputTokenCount);
        Assert.Equal(36, response.Usage.OutputTokenCount);
    }

    [Theory]
    [InlineData("error-401-invalid-api-key.json", HttpStatusCode.Unauthorized, LlmErrorKind.Authentication, "invalid_api_key")]
    [InlineData("error-402-insufficient-balance.json", HttpStatusCode.PaymentRequired, LlmErrorKind.QuotaExceeded, "insufficient_balance")]
    [InlineData("error-429-rate-limit.json", HttpStatusCode.TooManyRequests, LlmErrorKind.RateLimited, "rate_limit_exceeded")]
    [InlineData("error-404-model-not-found.json", HttpStatusCode.NotFound, LlmErrorKind.ModelNotFound, "model_not_found")]
    [InlineData("error-400-invalid-request.json", HttpStatusCode.BadRequest, LlmErrorKind.InvalidRequest, "invalid_request_error")]
    public void MapError_VendorBodies_Classify(string file, HttpStatusCode status, LlmErrorKind kind, string code)
    {
        var ex = StepFunDialect.Instance.MapError(new Http.ProviderErrorResponse((int)status, Fixture(file), "req-1", RetryAfter: null));

        Assert.Equal("stepfun", ex.Provider);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal((int)status, ex.StatusCode);
    }

    [Fact]
    public void AddChineseLlm_StepFunSection_RegistersKeyedClientWithDefaults()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(("ChineseLlm:Providers:StepFun:ApiKey", "k-123")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["stepfun"], builder.EnabledProviders);
        var metadata = provider.GetRequiredKeyedService<IChatClient>("stepfun").GetService<ChatClientMetadata>()!;
        Assert.Equal("stepfun", metadata.ProviderName);
        Assert.Equal(new Uri("https://api.stepfun.com/v1"), metadata.ProviderUri);
        Assert.Equal("step-3.7-flash", metadata.DefaultModelId);
    }

    [Fact]
    public void AddChineseLlm_StepFunBadEndpoint_FailsValidationNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:StepFun:ApiKey", "k-123"),
            ("ChineseLlm:Providers:StepFun:Endpoint", "ftp://stepfun.example")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("ChineseLlm:Providers:StepFun:Endpoint", StringComparison.Ordinal));
    }
}
