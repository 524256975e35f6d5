using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>The legacy v1 protocol; Baidu's OAuth server is a second WireMock server so chat requests count alone.</summary>
public sealed class ErnieV1ConformanceTests : ProviderConformanceTests
{
    private const string SecretKey = "ernie-secret-key-7d1c0b";
    private readonly WireMockServer _oauth;

    public ErnieV1ConformanceTests()
    {
        _oauth = WireMockServer.Start();
        _oauth.Given(Request.Create().WithPath("/oauth/2.0/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", "v1-oauth-token.json")));
    }

    protected override string ProviderKey => "ernie";

    protected override string ExpectedPath => "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-speed-128k";

    protected override string RequestIdHeader => "X-Baidu-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "v1-chat.json",
        "你好！请问有什么我可以帮助你的吗？无论你有什么问题或需要帮助，我都会尽力回答和提供支持。请随时告诉我你的需求，我会尽快回复你。",
        null, "ernie-speed-128k", "as-hfmv5mvdim", 1, 34, null, null);

    protected override ChatFixture PlainStream { get; } = new(
        "v1-stream.sse",
        "你好，我是一个虚拟语言模型，旨在通过机器学习和自然语言处理技术来回答用户的问题和提供相关信息。如果你有任何问题或需要帮助，请随时向我提问。",
        null, "ernie-speed-128k", "as-414fqwb8p3", 2, 36, null, null);

    protected override ToolCallFixture ToolCall { get; } = new("v1-function-call.json", "as-f1nc7ca11x", "get_current_weather", "location", "上海市");

    protected override ToolCallFixture StreamingToolCall { get; } = new("v1-stream-function-call.sse", "as-f1nc7s7rm", "get_current_weather", "location", "上海市");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("v1-error-17-daily-limit.json", 200, LlmErrorKind.QuotaExceeded, "17"),
        new("v1-error-18-qps-limit.json", 200, LlmErrorKind.RateLimited, "18"),
        new("v1-error-336006-messages-odd.json", 200, LlmErrorKind.InvalidRequest, "336006"),
        new("v1-error-336100-high-load.json", 200, LlmErrorKind.ServerError, "336100"),
        new("v1-error-336501-rpm-limit.json", 200, LlmErrorKind.RateLimited, "336501"),
        new("v1-error-110-token-invalid.json", 200, LlmErrorKind.Authentication, "110"),
        new("v1-error-111-token-expired.json", 200, LlmErrorKind.Authentication, "111"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new ErnieOptions
        {
            ApiKey = SecretApiKey,
            SecretKey = SecretKey,
            Endpoint = endpoint,
            TokenEndpoint = new Uri(_oauth.Url!),
            DefaultModel = "ernie-speed-128k",
        };
        configure?.Invoke(options);
        return new ErnieChatClient(options);
    }

    /// <summary>v1 errors arrive inside HTTP 200, so a 429-style limit is not an HTTP retry; the 503 case still is.</summary>
    [Fact]
    public async Task GetResponseAsync_SendsSystemTopLevelAndTokenInQuery()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync([new(ChatRole.System, "你是助手"), new(ChatRole.User, "你好")], new ChatOptions { Temperature = 0f });

        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal("24.6c5e1ff107f0e8bcef8c46d3424a0e78.2592000.1485516651.282335-8574074", request.Query!["access_token"].Single());
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("你是助手", body.GetProperty("system").GetString());
        Assert.Equal(1, body.GetProperty("messages").GetArrayLength());
        Assert.Equal(0.01f, body.GetProperty("temperature").GetSingle());
        var oauth = Assert.Single(_oauth.LogEntries).RequestMessage;
        Assert.Equal("client_credentials", oauth.Query!["grant_type"].Single());
    }

    [Fact]
    public async Task GetResponseAsync_TokenRejectedOnce_RefreshesAndResends()
    {
        Server.Given(Request.Create().UsingPost()).InScenario("token").WillSetStateTo("refreshed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", "v1-error-111-token-expired.json")));
        Server.Given(Request.Create().UsingPost()).InScenario("token").WhenStateIs("refreshed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", PlainChat.File)));
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal(PlainChat.ExpectedText, response.Text);
        Assert.Equal(2, Server.LogEntries.Count);
        Assert.Equal(2, _oauth.LogEntries.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentCalls_ShareOneTokenFetch()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetResponseAsync(Hello)));

        Assert.Single(_oauth.LogEntries);
        Assert.Equal(20, Server.LogEntries.Count);
    }

    /// <summary>Issue 4's bar: an ERNIE v1 token is fetched once for 50 concurrent calls (the token answer is slow, so they overlap).</summary>
    [Fact]
    public async Task GetResponseAsync_FiftyConcurrentCallsWhileTheTokenIsSlow_FetchTheTokenOnce()
    {
        _oauth.Reset();
        _oauth.Given(Request.Create().WithPath("/oauth/2.0/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read("ernie", "v1-oauth-token.json")).WithDelay(TimeSpan.FromMilliseconds(300)));
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetResponseAsync(Hello)));

        Assert.All(responses, r => Assert.Equal(PlainChat.ExpectedText, r.Text));
        Assert.Single(_oauth.LogEntries);
        Assert.Equal(50, Server.LogEntries.Count);
        Assert.All(Server.LogEntries, e => Assert.Equal(
            "24.6c5e1ff107f0e8bcef8c46d3424a0e78.2592000.1485516651.282335-8574074", e.RequestMessage.Query!["access_token"].Single()));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokenRejectedOnce_RefreshesAndStreams()
    {
        Server.Given(Request.Create().UsingPost()).InScenario("stream-token").WillSetStateTo("refreshed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", "v1-error-110-token-invalid.json")));
        Server.Given(Request.Create().UsingPost()).InScenario("stream-token").WhenStateIs("refreshed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(Payload.Read("ernie", PlainStream.File)));
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal(PlainStream.ExpectedText, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(2, Server.LogEntries.Count);
        Assert.Equal(2, _oauth.LogEntries.Count);
    }

    [Fact]
    public async Task GetResponseAsync_TokenRejectedTwice_FailsAsAuthenticationAfterOneRefresh()
    {
        StubFixture("v1-error-110-token-invalid.json");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.Equal("110", ex.ErrorCode);
        Assert.Equal(2, Server.LogEntries.Count);
        Assert.Equal(2, _oauth.LogEntries.Count);
        Assert.DoesNotContain("24.6c5e1ff107f0e8bcef8c46d3424a0e78", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_OAuthRefused_IsAuthenticationWithoutSecrets()
    {
        _oauth.Reset();
        _oauth.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", "v1-oauth-error.json")));
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(Server.LogEntries);
    }

    [Fact]
    public async Task GetResponseAsync_UnsafeInput_IsContentFiltered()
    {
        StubFixture("v1-content-filter.json");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("as-9w2e7r5t1y", ex.RequestId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorAsJsonBody_IsTheVendorError()
    {
        StubFixture("v1-error-336501-rpm-limit.json", 200, "application/json");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("336501", ex.ErrorCode);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _oauth.Stop();
            _oauth.Dispose();
        }

        base.Dispose(disposing);
    }
}
