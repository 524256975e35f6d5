using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChineseLlm.Client.Providers.Ernie;

public sealed class ErnieV2ConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "ernie";

    protected override Uri Endpoint => new(Server.Url + "/v2");

    protected override string ExpectedPath => "/v2/chat/completions";

    protected override string RequestIdHeader => "X-Baidu-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "v2-chat.json", "你好！很高兴和你交流。请问有什么我可以帮助你的吗？", null, "ernie-4.5-turbo-128k", "as-qsp8w7ppnv", 11, 15, null, null);

    protected override ChatFixture PlainStream { get; } = new(
        "v2-stream-usage.sse", "你好！很高兴和你交流。请问有什么我可以帮助你的吗？", null, "ernie-4.5-turbo-128k", "as-8u2w5n0qkc", 11, 15, null, null);

    /// <summary>The doc's example has two parallel calls; the first is checked here, both in the test below.</summary>
    protected override ToolCallFixture ToolCall { get; } = new(
        "v2-tool-call.json", "04fed17840d34b1e99bf3cd6dc94150d", "get_current_weather", "location", "上海市");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "v2-stream-tool-call.sse", "04fed17840d34b1e99bf3cd6dc94150d", "get_current_weather", "location", "上海市");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("v2-error-400-malformed-json.json", 400, LlmErrorKind.InvalidRequest, "malformed_json"),
        new("v2-error-401-invalid-iam-token.json", 401, LlmErrorKind.Authentication, "invalid_iam_token"),
        new("v2-error-403-account-overdue.json", 403, LlmErrorKind.QuotaExceeded, "account_overdue"),
        new("v2-error-403-system-unsafe.json", 403, LlmErrorKind.ContentFiltered, "system_unsafe"),
        new("v2-error-429-rpm.json", 429, LlmErrorKind.RateLimited, "rpm_rate_limit_exceeded"),
        new("v2-error-429-tpm.json", 429, LlmErrorKind.RateLimited, "tpm_rate_limit_exceeded"),
        new("v2-error-500-internal.json", 500, LlmErrorKind.ServerError, "internal_error"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new ErnieOptions { ApiKey = "bce-v3/ALTAK-conformance/" + SecretApiKey, Endpoint = endpoint, AppId = "app-42" };
        configure?.Invoke(options);
        return new ErnieChatClient(options);
    }

    public override async Task GetResponseAsync_ToolCall_MapsFunctionCallContent()
    {
        StubFixture(ToolCall.File);
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, WeatherOptions());

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["04fed17840d34b1e99bf3cd6dc94150d", "a37ee51b99a64723bcb7f2f4d8081770"], calls.Select(c => c.CallId));
        Assert.Equal(["上海市", "北京市"], calls.Select(c => c.Arguments!["location"]!.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_SendsBearerKeyAppIdAndThinkingSwitch()
    {
        StubFixture("v2-stream-reasoning.sse");
        using var client = CreateClient(Endpoint);

        var response = await client.GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "ernie-x1-turbo-32k", Reasoning = new() { Effort = ReasoningEffort.High } })
            .ToChatResponseAsync();

        Assert.Equal("1+1=2。", response.Text);
        Assert.Equal("用户问1+1等于几，这是基础算术，答案是2。", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal("Bearer bce-v3/ALTAK-conformance/" + SecretApiKey, request.Headers!["Authorization"].Single());
        Assert.Equal("app-42", request.Headers["appid"].Single());
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.True(body.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal("high", body.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_InvalidModelAs401_IsModelNotFound()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":{"code":"invalid_model","message":"The model does not exist or you do not have access to it.","type":"invalid_request_error"},"id":"as-0m0d3l"}"""));
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.ModelNotFound, ex.Kind);
        Assert.Equal("as-0m0d3l", ex.RequestId);
    }
}
