using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// Connection-level faults over real loopback TCP: refused connections and resets before the headers (retried: no
/// content reached the caller) and resets after content (never retried). Back-off delays run on a recording fake
/// clock so retries take no real time.
/// </summary>
public sealed class TransportFaultTests
{
    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ConnectionRefused_FailsWithNetwork(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        using var client = profile.CreateClient(FaultServer.ClosedPortUri(), o => o.MaxRetryAttempts = 0);

        var (ex, elapsed) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal(profile.Key, ex.Provider);
        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"a refused connection fails fast (took {elapsed})");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ConnectionRefused_IsRetriedThenFailsWithNetwork(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(FaultServer.ClosedPortUri(), LongTimeouts(retries: 2), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal(2, clock.Delays.Count); // two back-offs: three attempts
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ResetBeforeHeaders_IsRetriedAndSucceeds(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(ResetBeforeHeaders(), Json(profile.Read(profile.ChatFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, LongTimeouts(retries: 2), clock);

        var response = await clock.RunAsync(client.GetResponseAsync(FaultRun.Hello));

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ResetBeforeHeadersEveryTime_FailsWithNetworkAfterEveryRetry(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(ResetBeforeHeaders());
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, LongTimeouts(retries: 2), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_ResetBeforeHeaders_IsRetriedAndStreams(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sequence(ResetBeforeHeaders(), Sse(profile.Read(profile.StreamFixture))));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, LongTimeouts(retries: 2), clock);

        var outcome = await clock.RunAsync(FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello)));

        Assert.Null(outcome.Error);
        Assert.NotNull(outcome.Updates[^1].FinishReason);
        Assert.Equal(2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_ResetMidStream_FailsWithNetworkAndIsNeverRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        var textSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FaultServer.StartAsync(SseThenResetWhenRead(
            transcript, EventsThroughFirstText(transcript, profile.StreamTextField), ct => textSeen.Task.WaitAsync(ct)));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, LongTimeouts(retries: 2), clock);

        var outcome = await clock.RunAsync(FaultRun.StreamAsync(
            client.GetStreamingResponseAsync(FaultRun.Hello), update => { if (update.Text.Length > 0) { textSeen.TrySetResult(); } }));

        Assert.NotEmpty(outcome.Text); // content reached the caller…
        var ex = outcome.Failure();
        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal(profile.Key, ex.Provider);
        Assert.Equal(1, server.Hits); // …so nothing was sent again
        Assert.Empty(clock.Delays);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_BodyCutShort_FailsWithNetworkAndIsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var body = profile.Read(profile.ChatFixture);
        await using var server = await FaultServer.StartAsync(CutBody(body, sentBytes: body.Length / 3));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, LongTimeouts(retries: 2), clock);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => clock.RunAsync(client.GetResponseAsync(FaultRun.Hello)));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal(1, server.Hits);
    }

    /// <summary>Timeouts long enough never to fire in a test, so only the recorded delays are short.</summary>
    internal static Action<ChineseLlmProviderOptions> LongTimeouts(int retries) => o =>
    {
        o.Timeout = TimeSpan.FromMinutes(10);
        o.AttemptTimeout = TimeSpan.FromMinutes(5);
        o.StreamIdleTimeout = TimeSpan.FromMinutes(5);
        o.MaxRetryAttempts = retries;
    };

    /// <summary>How many events of a transcript to send so that the caller receives some text (and no finish).</summary>
    internal static int EventsThroughFirstText(string transcript, string field = "content")
    {
        var events = SplitEvents(transcript);
        var index = events.FindIndex(e => e.Contains($"\"{field}\":\"", StringComparison.OrdinalIgnoreCase) && !e.Contains($"\"{field}\":\"\"", StringComparison.OrdinalIgnoreCase));
        Assert.True(index >= 0, "the stream fixture has a text event");
        return index + 1;
    }
}
