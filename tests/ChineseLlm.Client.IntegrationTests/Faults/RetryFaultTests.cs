using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// 5xx bursts and 429s: what is retried, how often, after how long. Server hits are counted; the back-off and
/// Retry-After waits run on a recording fake clock, so each delay is checked exactly and costs no real time.
/// </summary>
public sealed class RetryFaultTests
{
    private const int Retries = 2;

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ServerErrorBurstShorterThanTheRetries_Succeeds(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(
            Status(503, "upstream busy", "text/plain"),
            Status(502, "<html>502 Bad Gateway</html>", "text/html"),
            Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(3, server.Hits);
        Assert.Equal(2, clock.Delays.Count);
        Assert.All(clock.Delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ServerErrorBurstLongerThanTheRetries_FailsWithServerError(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(500, """{"error":{"message":"internal error","type":"server_error"}}"""));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal(500, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(1 + Retries, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_ServerErrorBeforeTheStream_IsRetriedThenStreams(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(Status(503, "busy", "text/plain"), Sse(profile.Read(profile.StreamFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var outcome = await clock.RunAsync(FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello)));

        Assert.Null(outcome.Error);
        Assert.NotEmpty(outcome.Text);
        Assert.Equal(2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RateLimitedWithRetryAfter_WaitsExactlyThatLongThenSucceeds(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(
            Status(429, profile.RateLimitBody, "application/json", ("Retry-After", "7")),
            Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(clock.Delays)); // the header wins over any hint in the body
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RateLimitedWithoutRetryAfter_BacksOffThenSucceeds(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(
            Status(429, profile.RateLimitBody),
            Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
        Assert.InRange(Assert.Single(clock.Delays), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RateLimitedEveryTime_FailsWithRateLimitedCarryingRetryAfter(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(429, profile.RateLimitBody, "application/json", ("Retry-After", "3")));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal(1 + Retries, server.Hits);
        Assert.All(clock.Delays, d => Assert.Equal(TimeSpan.FromSeconds(3), d));
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RetryAfterLongerThanTheCap_FailsAtOnceWithoutRetrying(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(429, profile.RateLimitBody, "application/json", ("Retry-After", "120")));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider(longest: TimeSpan.FromMinutes(3));
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            TransportFaultTests.LongTimeouts(Retries)(o);
            o.AttemptTimeout = TimeSpan.FromMinutes(4);
        }, clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        // Waiting two minutes inside a call is wrong, and so is retrying after a second when the vendor said two
        // minutes: the error surfaces at once with RetryAfter, for the caller or the router to act on.
        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.RetryAfter);
        Assert.Equal(1, server.Hits);
        Assert.Empty(clock.Delays);
    }

    [Theory]
    [InlineData("kimi", "please try again after 99999999999999999999 seconds")]
    [InlineData("kimi", "please try again after 100000 seconds")]
    public async Task GetResponseAsync_AbsurdRetryHintInTheMessage_FailsAsRateLimitedNotAsOverflow(string provider, string hint)
    {
        var profile = ProviderProfiles.Get(provider);
        var body = $$$"""{"error":{"type":"rate_limit_reached_error","message":"request reached organization max RPM: 3, {{{hint}}}"}}""";
        await using var server = await FaultServer.StartAsync(Status(429, body));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(31), TimeSpan.FromDays(2)); // usable: can be added to a date
        Assert.Equal(1, server.Hits); // a wait beyond the cap (or beyond TimeSpan) is not retried
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.KeysWithQuota429), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_QuotaExhaustedAs429_IsNeverRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(429, profile.QuotaExhausted429Body!));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ClientErrors_AreNeverRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        foreach (var status in new[] { 400, 401, 403, 404, 422 })
        {
            await using var server = await FaultServer.StartAsync(Status(status, """{"error":{"message":"nope","type":"invalid_request_error"}}"""));
            profile.Prepare(server);
            var clock = new DelayRecordingTimeProvider();
            using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(Retries), clock);

            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

            Assert.False(ex.IsTransient, $"HTTP {status} is not transient");
            Assert.Equal(1, server.Hits);
        }
    }
}
