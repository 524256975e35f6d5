using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// The retry rules of openai-python and the Ark runtime SDK (`_base_client.py` `_should_retry`, commits in
/// docs/protocols/deepseek.md and docs/protocols/doubao.md): on an error status an <c>x-should-retry: true|false</c>
/// header decides first, then 408, 409, 429 and 5xx are retried. They apply to the vendors whose official or
/// recommended client is one of those SDKs or a copy of them (GLM's z-ai-sdk-python, docs/protocols/glm.md), and to no
/// other (DashScope, Qianfan, Tencent Cloud and Huawei clients have their own rules). Over real HTTP, hits counted, delays on a
/// recording fake clock.
/// </summary>
public sealed class SdkRetryRuleTests
{
    private const int Retries = 2;

    /// <summary>The OpenAI error envelope the SDKs read (a 409 carries no vendor-documented code).</summary>
    private const string ConflictBody = """{"error":{"message":"The request conflicted with another request, please retry.","type":"conflict"}}""";

    private const string BadRequestBody = """{"error":{"message":"nope","type":"invalid_request_error"}}""";

    /// <summary>Gets the profiles of vendors on openai-python's (or the Ark SDK's) retry rules.</summary>
    public static TheoryData<string> SdkRuleKeys => ["deepseek", "kimi", "doubao", "glm", "yi", "stepfun", "baichuan", "minimax", "spark"];

    /// <summary>Gets the profiles whose official SDK does not follow those rules.</summary>
    public static TheoryData<string> OtherKeys => ["qwen", "qwen-compat", "ernie", "ernie-v1", "hunyuan", "hunyuan-compat", "pangu"];

    [Theory]
    [MemberData(nameof(SdkRuleKeys))]
    public async Task GetResponseAsync_Conflict409ThenSuccess_IsRetriedLikeTheSdk(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(Status(409, ConflictBody), Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
        Assert.InRange(Assert.Single(clock.Delays), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(SdkRuleKeys))]
    public async Task GetResponseAsync_Conflict409EveryTime_FailsAsTransientServerError(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(409, ConflictBody));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal(409, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(1 + Retries, server.Hits);
    }

    [Theory]
    [MemberData(nameof(SdkRuleKeys))]
    public async Task GetResponseAsync_ServerErrorWithShouldRetryFalse_IsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(
            Status(503, """{"error":{"message":"overloaded","type":"server_error"}}""", "application/json", ("x-should-retry", "false")),
            Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(1, server.Hits);
        Assert.Empty(clock.Delays);
    }

    [Theory]
    [MemberData(nameof(SdkRuleKeys))]
    public async Task GetResponseAsync_ClientErrorWithShouldRetryTrue_IsRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(
            Status(400, BadRequestBody, "application/json", ("x-should-retry", "true")),
            Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(SdkRuleKeys))]
    public async Task GetResponseAsync_ShouldRetryWithAnotherValue_LeavesTheStatusRule(string provider)
    {
        // The SDKs compare the value exactly: "TRUE" or "1" is no directive, so a 400 stays unretried.
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(400, BadRequestBody, "application/json", ("x-should-retry", "TRUE")));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(OtherKeys))]
    public async Task GetResponseAsync_Conflict409OnOtherVendors_IsNotRetriedAndNotTransient(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(409, ConflictBody));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.False(ex.IsTransient);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(OtherKeys))]
    public async Task GetResponseAsync_ShouldRetryHeaderOnOtherVendors_IsIgnored(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(400, BadRequestBody, "application/json", ("x-should-retry", "true")));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.False(ex.IsTransient);
        Assert.Equal(1, server.Hits);
    }
}
