using System.Diagnostics;
using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// The caller's cancellation ends a call or a stream within 100 ms as an <see cref="OperationCanceledException"/>
/// (never a <see cref="ChineseLlmException"/>), at every stage, and gives the connection back: the server sees it
/// closed, or the next call reuses it — never a connection held open by an abandoned call.
/// </summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan CancelBudget = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReleaseBudget = TimeSpan.FromSeconds(5); // covers SocketsHttpHandler's 2 s response drain

    /// <summary>
    /// Runs <paramref name="attempt"/> (which returns the time from cancelling to the end of the call) until it ends
    /// within <see cref="CancelBudget"/>, at most three times. A machine busy with other builds can stall any thread
    /// for a moment; a cancellation that is not observed fails all three.
    /// </summary>
    internal static async Task AssertCancelsWithinBudgetAsync(Func<Task<TimeSpan>> attempt)
    {
        var measured = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var elapsed = await attempt();
            measured.Add(elapsed);
            if (elapsed < CancelBudget)
            {
                return;
            }
        }

        Assert.Fail($"cancellation took {string.Join(", ", measured.Select(m => $"{m.TotalMilliseconds:F0} ms"))} (budget {CancelBudget.TotalMilliseconds} ms)");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_CancelledWhileWaitingForHeaders_EndsWithin100MsAndClosesTheConnection(string provider)
    {
        var profile = ProviderProfiles.Get(provider);

        await AssertCancelsWithinBudgetAsync(async () =>
        {
            await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
            profile.Prepare(server);
            using var client = profile.CreateClient(server.BaseUri);
            using var cts = new CancellationTokenSource();

            var call = client.GetResponseAsync(FaultRun.Hello, cancellationToken: cts.Token);
            Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit));
            var stopwatch = Stopwatch.StartNew();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(FaultRun.HangLimit));
            var elapsed = stopwatch.Elapsed;

            Assert.True(await server.WaitForOpenConnectionsAsync(0, ReleaseBudget), "the cancelled request's connection is closed");
            return elapsed;
        });
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_CancelledWhileReadingTheBody_EndsWithin100MsAndClosesTheConnection(string provider)
    {
        var profile = ProviderProfiles.Get(provider);

        await AssertCancelsWithinBudgetAsync(async () =>
        {
            await using var server = await FaultServer.StartAsync(Trickle(profile.Read(profile.ChatFixture), "application/json", 1, TimeSpan.FromMilliseconds(50)));
            profile.Prepare(server);
            using var client = profile.CreateClient(server.BaseUri);
            using var cts = new CancellationTokenSource();

            var call = client.GetResponseAsync(FaultRun.Hello, cancellationToken: cts.Token);
            Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit));
            await Task.Delay(200); // headers and a few body bytes are in
            var stopwatch = Stopwatch.StartNew();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(FaultRun.HangLimit));
            var elapsed = stopwatch.Elapsed;

            Assert.True(await server.WaitForOpenConnectionsAsync(0, ReleaseBudget), "the cancelled response's connection is closed");
            return elapsed;
        });
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_CancelledDuringRetryBackOff_EndsWithin100MsWithoutAnotherAttempt(string provider)
    {
        var profile = ProviderProfiles.Get(provider);

        await AssertCancelsWithinBudgetAsync(async () =>
        {
            await using var server = await FaultServer.StartAsync(Status(503, "busy", "text/plain"));
            profile.Prepare(server);
            var clock = new DelayRecordingTimeProvider(); // the back-off never elapses on its own
            using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(retries: 2), clock);
            using var cts = new CancellationTokenSource();

            var call = client.GetResponseAsync(FaultRun.Hello, cancellationToken: cts.Token);
            Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit));
            while (clock.Delays.IsEmpty)
            {
                await Task.Delay(5).WaitAsync(FaultRun.HangLimit);
            }

            var stopwatch = Stopwatch.StartNew();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(FaultRun.HangLimit));
            var elapsed = stopwatch.Elapsed;

            Assert.Equal(1, server.Hits);
            return elapsed;
        });
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_CancelledBetweenEvents_EndsWithin100MsAndClosesTheConnection(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);

        await AssertCancelsWithinBudgetAsync(async () =>
        {
            await using var server = await FaultServer.StartAsync(SseThen(transcript, TransportFaultTests.EventsThroughFirstText(transcript, profile.StreamTextField), SseEnding.Stall));
            profile.Prepare(server);
            using var client = profile.CreateClient(server.BaseUri);
            using var cts = new CancellationTokenSource();
            var stopwatch = new Stopwatch();
            var cancelling = 0;

            var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello, cancellationToken: cts.Token), update =>
            {
                if (!string.IsNullOrEmpty(update.Text) && Interlocked.Exchange(ref cancelling, 1) == 0)
                {
                    // Cancel a little after the text arrived, while the reader waits for the next event.
                    _ = Task.Delay(100).ContinueWith(_ =>
                    {
                        stopwatch.Start();
                        cts.Cancel();
                    }, TaskScheduler.Default);
                }
            });
            var elapsed = stopwatch.Elapsed;

            Assert.NotEmpty(outcome.Text);
            Assert.IsAssignableFrom<OperationCanceledException>(outcome.Error);
            Assert.True(await server.WaitForOpenConnectionsAsync(0, ReleaseBudget), "the abandoned stream's connection is closed");
            return elapsed;
        });
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_CallerStopsReadingEarly_TheConnectionIsReleasedOrReused(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Sse(profile.Read(profile.StreamFixture)));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        for (var i = 0; i < 5; i++)
        {
            await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    break; // abandon the stream after the first text
                }
            }
        }

        var whole = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Null(whole.Error);
        Assert.Equal(6, server.Hits);
        Assert.True(await server.WaitForOpenConnectionsAsync(1, ReleaseBudget), $"{server.OpenConnections} connections still open after 6 sequential calls");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_AfterCancelledCalls_LaterCallsStillSucceed(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var ok = Json(profile.Read(profile.ChatFixture));
        var stall = StallBeforeHeaders();
        var stalling = true;
        await using var server = await FaultServer.StartAsync((context, hit) => (stalling ? stall : ok)(context, hit));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        for (var i = 0; i < 5; i++)
        {
            using var cts = new CancellationTokenSource();
            var call = client.GetResponseAsync(FaultRun.Hello, cancellationToken: cts.Token);
            Assert.True(await server.WaitForHitsAsync(i + 1, FaultRun.HangLimit));
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(FaultRun.HangLimit));
        }

        stalling = false;
        var response = await client.GetResponseAsync(FaultRun.Hello).WaitAsync(FaultRun.HangLimit);

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.True(await server.WaitForOpenConnectionsAsync(1, ReleaseBudget), $"{server.OpenConnections} connections still open");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_TokenAlreadyCancelled_SendsNothing(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Json(profile.Read(profile.ChatFixture)));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(FaultRun.Hello, cancellationToken: new CancellationToken(canceled: true)));
        var stream = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello, cancellationToken: new CancellationToken(canceled: true)));

        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        Assert.Equal(0, server.Hits);
    }
}
