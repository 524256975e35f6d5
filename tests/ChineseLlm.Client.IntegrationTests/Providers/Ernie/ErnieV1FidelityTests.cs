using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// Qianfan v1 behaviours checked against bce-qianfan-sdk (docs/protocols/ernie.md, "Differences found"). Baidu's
/// OAuth server is a second WireMock server so that chat requests count alone.
/// </summary>
public sealed class ErnieV1FidelityTests : VendorWireTests
{
    private const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-speed-128k";

    private readonly WireMockServer _oauth;

    public ErnieV1FidelityTests()
    {
        _oauth = WireMockServer.Start();
        _oauth.Given(Request.Create().WithPath("/oauth/2.0/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("ernie", "v1-oauth-token.json")));
    }

    protected override string PayloadFolder => "ernie";

    private static List<ChatMessage> Hello => [new(ChatRole.User, "你好")];

    /// <summary>
    /// python/qianfan/consts.py DefaultValue.RetryErrCodes = {2, 15, 18, 336100, 336501, 336502}: the SDK retries
    /// these codes although they arrive inside HTTP 200.
    /// </summary>
    [Theory]
    [InlineData("v1-error-336100-high-load.json")]
    [InlineData("v1-error-18-qps-limit.json")]
    [InlineData("v1-error-336501-rpm-limit.json")]
    public async Task GetResponseAsync_RetryableCodeInsideHttp200ThenAnswer_IsRetried(string errorFile)
    {
        ServeInSequence(errorFile, "v1-chat.json");
        using var client = CreateClient(maxRetries: 1);

        var response = await client.GetResponseAsync(Hello);

        Assert.StartsWith("你好！", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, Server.LogEntries.Count(e => e.RequestMessage.Path == ChatPath));
    }

    /// <summary>Code 17 (daily limit / not paid / arrears) is not in the SDK's retry set: one attempt, QuotaExceeded.</summary>
    [Fact]
    public async Task GetResponseAsync_DailyLimitInsideHttp200_IsNotRetried()
    {
        ServeInSequence("v1-error-17-daily-limit.json", "v1-chat.json");
        using var client = CreateClient(maxRetries: 2);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.Single(Server.LogEntries, e => e.RequestMessage.Path == ChatPath);
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

    private ErnieChatClient CreateClient(int maxRetries) => new(new ErnieOptions
    {
        ApiKey = SecretApiKey,
        SecretKey = "ernie-secret-key-fidelity",
        Endpoint = new Uri(Server.Url!),
        TokenEndpoint = new Uri(_oauth.Url!),
        DefaultModel = "ernie-speed-128k",
        MaxRetryAttempts = maxRetries,
    });

    private void ServeInSequence(string first, string then)
    {
        Server.Given(Request.Create().UsingPost()).InScenario("v1").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read(PayloadFolder, first)));
        Server.Given(Request.Create().UsingPost()).InScenario("v1").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read(PayloadFolder, then)));
    }
}
