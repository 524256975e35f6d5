using Microsoft.Extensions.Time.Testing;
using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// Servers that stall or trickle, against the library's real timers (short timeouts configured): every case ends in
/// <see cref="LlmErrorKind.Timeout"/> close to the timeout that governs it. Elapsed bounds are generous (on a busy
/// two-core machine the thread pool ran a due timer 4.4 s late) but below <see cref="FaultRun.HangLimit"/>, so a missing
/// timer fails the test; the outcome (a Timeout, not an answer) is what proves each timer works. The two cases whose
/// bound is the point (a call ending at its Timeout, a stream at its idle timeout) run on a fake clock.
/// </summary>
public sealed class TimeoutFaultTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_StallBeforeHeaders_FailsWithTimeoutAtTheAttemptTimeout(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
        profile.Prepare(server);
        var attempt = TimeSpan.FromMilliseconds(300);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.AttemptTimeout = attempt;
            o.MaxRetryAttempts = 0;
        });

        var (ex, elapsed) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.True(ex.IsTransient);
        AssertWithin(elapsed, attempt, attempt + Slack);
        Assert.True(server.Hits <= 1, "not retried (MaxRetryAttempts = 0)");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_StallBeforeHeadersWithRetries_EndsAtTheCallTimeout(string provider)
    {
        // On a fake clock: a wall-clock bound here failed by chance on a busy two-core machine (a 700 ms call measured
        // 3.6 s end to end). The clock stops just short of Timeout, so only the total timeout can end the call, and a
        // pipeline whose retries outlived it would hang instead (FaultRun's hang limit fails the test).
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
        profile.Prepare(server);
        var time = new FakeTimeProvider();
        var total = TimeSpan.FromMilliseconds(700);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = total;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 5;
        }, time);

        var call = FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));
        Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit), "the first attempt reached the server");
        time.Advance(total - TimeSpan.FromMilliseconds(1)); // the first attempt times out; the retry waits on its back-off
        Assert.False(call.IsCompleted, "the call ended before its Timeout");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var (ex, _) = await call;

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind); // retries never stretch a call past its Timeout
        Assert.Contains("did not complete within its timeout", ex.Message, StringComparison.Ordinal); // the call's, not an attempt's
        Assert.InRange(server.Hits, 1, 4);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_StallBeforeHeaders_FailsWithTimeoutAtTheAttemptTimeout(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
        profile.Prepare(server);
        var attempt = TimeSpan.FromMilliseconds(300);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.AttemptTimeout = attempt;
            o.MaxRetryAttempts = 0;
        });

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Timeout, outcome.Failure().Kind);
        Assert.Empty(outcome.Updates);
        AssertWithin(outcome.Elapsed, attempt, attempt + Slack);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_StallBetweenEvents_FailsWithTimeoutAtTheIdleTimeout(string provider)
    {
        // On a fake clock: measured on the wall clock, the gap between the last update and the failure shrank below the
        // idle timeout on a loaded two-core machine (the update reached the test late, not the timer early).
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(SseThen(transcript, TransportFaultTests.EventsThroughFirstText(transcript, profile.StreamTextField), SseEnding.Stall));
        profile.Prepare(server);
        var time = new FakeTimeProvider();
        var idle = TimeSpan.FromMilliseconds(400);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.StreamIdleTimeout = idle;
        }, time);

        await using var updates = client.GetStreamingResponseAsync(FaultRun.Hello).GetAsyncEnumerator();
        var text = string.Empty;
        while (text.Length == 0)
        {
            Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(FaultRun.HangLimit), "the stream ended before its first text");
            text += updates.Current.Text;
        }

        var next = updates.MoveNextAsync().AsTask(); // the server has stalled: this read waits for the next event
        time.Advance(idle - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50); // a timer that fired early would fail the read by now
        Assert.False(next.IsCompleted, "the stream failed before its idle timeout");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => next.WaitAsync(FaultRun.HangLimit));

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.Equal(1, server.Hits); // content arrived: a stalled stream is never re-sent
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_OnlyKeepAliveComments_FailsWithTimeoutAtTheIdleTimeout(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(KeepAlivesForever(TimeSpan.FromMilliseconds(40)));
        profile.Prepare(server);
        var idle = TimeSpan.FromMilliseconds(400);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.StreamIdleTimeout = idle;
        });

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Timeout, outcome.Failure().Kind); // keep-alives are not progress
        AssertWithin(outcome.Elapsed, idle, idle + Slack);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_SlowSteadyTrickle_CompletesIntact(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(Trickle(transcript, "text/event-stream", chunkBytes: 64, gap: TimeSpan.FromMilliseconds(2)));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri, o => o.StreamIdleTimeout = TimeSpan.FromSeconds(5));
        using var reference = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));
        server.Handler = Sse(transcript);
        var whole = await FaultRun.StreamAsync(reference.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Null(outcome.Error);
        Assert.Null(whole.Error);
        Assert.Equal(whole.Text, outcome.Text); // events split across reads join up exactly
        Assert.Equal(whole.Updates[^1].FinishReason, outcome.Updates[^1].FinishReason);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_TrickleSlowerThanTheIdleTimeout_FailsWithTimeout(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(Trickle(transcript, "text/event-stream", chunkBytes: 2, gap: TimeSpan.FromMilliseconds(30)));
        profile.Prepare(server);
        var idle = TimeSpan.FromMilliseconds(400);
        using var client = profile.CreateClient(server.BaseUri, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.StreamIdleTimeout = idle;
        });

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        // Bytes keep arriving, but no whole event within the idle timeout: that is a stall too.
        Assert.Equal(LlmErrorKind.Timeout, outcome.Failure().Kind);
        AssertWithin(outcome.Elapsed, idle, idle + Slack);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_TrickleSlowerThanTheCallTimeout_FailsWithTimeoutAndIsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Trickle(profile.Read(profile.ChatFixture), "application/json", chunkBytes: 2, gap: TimeSpan.FromMilliseconds(60)));
        profile.Prepare(server);
        var total = TimeSpan.FromMilliseconds(1200); // the smallest fixture (347 bytes) trickles for 10 s: a late timer still ends in Timeout
        using var client = profile.CreateClient(server.BaseUri, o => o.Timeout = total);

        var (ex, elapsed) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        AssertWithin(elapsed, total, total + Slack);
        Assert.Equal(1, server.Hits); // the headers had arrived: the body is not asked for again
    }

    private static void AssertWithin(TimeSpan elapsed, TimeSpan atLeast, TimeSpan atMost) =>
        Assert.True(elapsed >= atLeast - TimeSpan.FromMilliseconds(30) && elapsed <= atMost, $"took {elapsed.TotalMilliseconds:F0} ms, expected {atLeast.TotalMilliseconds:F0}–{atMost.TotalMilliseconds:F0} ms");
}
