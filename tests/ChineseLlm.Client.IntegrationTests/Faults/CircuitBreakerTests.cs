using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// The circuit breaker (half of at least 10 calls failing transiently within 30 s opens it for 15 s) over real HTTP,
/// on a fake clock: it opens, fails calls without sending them, lets one probe through after the break and closes
/// on success or opens again on failure. Client errors never open it.
/// </summary>
public sealed class CircuitBreakerTests
{
    private const int Threshold = 10; // ProviderDefaults.BreakerMinimumThroughput, all failing
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RepeatedServerErrors_OpenTheCircuitThenItRecovers(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var failing = true;
        var ok = Json(profile.Read(profile.ChatFixture));
        var busy = Status(503, "busy", "text/plain");
        await using var server = await FaultServer.StartAsync((context, hit) => (failing ? busy : ok)(context, hit));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(retries: 0), clock);

        var failures = await FailUntilTheCircuitOpensAsync(client, server, LlmErrorKind.ServerError);
        Assert.InRange(failures, Threshold - SideRequests(profile), Threshold);

        // Open: calls fail at once, nothing is sent.
        var (open, elapsed) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));
        Assert.Equal(LlmErrorKind.ServerError, open.Kind);
        Assert.True(open.IsTransient);
        Assert.Null(open.StatusCode);
        Assert.Equal(failures, server.Hits);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"an open circuit fails fast (took {elapsed})");

        var stream = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));
        Assert.Equal(LlmErrorKind.ServerError, stream.Failure().Kind);
        Assert.Equal(failures, server.Hits);

        // Still open just before the break ends.
        clock.Advance(BreakDuration - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
        Assert.Equal(failures, server.Hits);

        // After the break the vendor is back: the probe goes through and closes the circuit.
        failing = false;
        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await client.GetResponseAsync(FaultRun.Hello);
        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        await client.GetResponseAsync(FaultRun.Hello);
        Assert.Equal(failures + 2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ProbeFailsAfterTheBreak_OpensTheCircuitAgain(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(ResetBeforeHeaders());
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(retries: 0), clock);
        var failures = await FailUntilTheCircuitOpensAsync(client, server, LlmErrorKind.Network);

        clock.Advance(BreakDuration);
        var probe = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
        var again = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Network, probe.Kind); // the probe was sent…
        Assert.Equal(LlmErrorKind.ServerError, again.Kind); // …failed, and the circuit is open again
        Assert.Equal(failures + 1, server.Hits);
    }

    /// <summary>
    /// Calls until the circuit opens (a ServerError without a status: nothing was sent); returns how many calls reached
    /// the server. Side requests (an OAuth token) share the pipeline and count as successful calls, so the circuit may
    /// open a call or two before <see cref="Threshold"/> failures.
    /// </summary>
    private static async Task<int> FailUntilTheCircuitOpensAsync(Microsoft.Extensions.AI.IChatClient client, FaultServer server, LlmErrorKind failureKind)
    {
        for (var calls = 0; calls <= Threshold; calls++)
        {
            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
            if (ex.Kind == LlmErrorKind.ServerError && ex.StatusCode is null && server.Hits == calls)
            {
                return calls;
            }

            Assert.Equal(failureKind, ex.Kind);
        }

        Assert.Fail($"the circuit did not open after {Threshold} failures");
        return 0;
    }

    private static int SideRequests(ProviderProfile profile) => profile.SideEndpoint is null ? 0 : 1;

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_RepeatedClientErrors_NeverOpenTheCircuit(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(400, """{"error":{"message":"bad parameter","type":"invalid_request_error"}}"""));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(retries: 0), clock);

        for (var i = 0; i < Threshold * 2; i++)
        {
            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
            Assert.Equal(400, ex.StatusCode);
        }

        Assert.Equal(Threshold * 2, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_FailuresSpreadBeyondTheSamplingWindow_DoNotOpenTheCircuit(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(503, "busy", "text/plain"));
        profile.Prepare(server);
        var clock = new DelayRecordingTimeProvider();
        using var client = profile.CreateClient(server.BaseUri, TransportFaultTests.LongTimeouts(retries: 0), clock);

        for (var i = 0; i < Threshold * 2; i++)
        {
            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
            Assert.Equal(503, ex.StatusCode); // reached the server every time
            clock.Advance(TimeSpan.FromSeconds(10)); // at most 3 failures fall in any 30 s window
        }

        Assert.Equal(Threshold * 2, server.Hits);
    }
}
