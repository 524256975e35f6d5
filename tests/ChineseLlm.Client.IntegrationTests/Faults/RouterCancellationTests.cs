#pragma warning disable CLLM001 // ISpendLedger is experimental: the test reads the ledger the router keeps
using System.Diagnostics;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// Cancelling a call that goes through the router ends it within 100 ms and gives its budget reservation back: a call
/// or a stream cancelled before any content is released (nothing spent); a stream abandoned after content is charged
/// its estimate (the vendor bills the output it produced), and nothing stays reserved either way.
/// </summary>
public sealed class RouterCancellationTests
{
    [Fact]
    public async Task GetResponseAsync_CancelledWhileTheVendorStalls_EndsWithin100MsAndReleasesTheReservation()
    {
        var profile = ProviderProfiles.Get("deepseek");

        await CancellationTests.AssertCancelsWithinBudgetAsync(async () =>
        {
            await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
            using var host = await StartRouterAsync(profile, server);
            var (router, ledger) = Resolve(host);
            using var cts = new CancellationTokenSource();

            var call = router.GetResponseAsync(FaultRun.Hello, Advanced, cts.Token);
            Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit));
            var during = await SummaryAsync(ledger);
            var watch = Stopwatch.StartNew();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(FaultRun.HangLimit));
            var elapsed = watch.Elapsed;
            var after = await SummaryAsync(ledger);

            Assert.Equal(1, during.OpenReservations); // the call held a reservation while in flight…
            Assert.True(during.Reserved > 0m);
            Assert.Equal(0, after.OpenReservations); // …and gave it back: nothing was spent
            Assert.Equal(0m, after.Reserved);
            Assert.Equal(0m, after.Settled);
            Assert.True(await server.WaitForOpenConnectionsAsync(0, TimeSpan.FromSeconds(5)));
            return elapsed;
        });
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledBeforeContent_ReleasesTheReservation()
    {
        var profile = ProviderProfiles.Get("deepseek");
        await using var server = await FaultServer.StartAsync(StallBeforeHeaders());
        using var host = await StartRouterAsync(profile, server);
        var (router, ledger) = Resolve(host);
        using var cts = new CancellationTokenSource();

        var read = FaultRun.StreamAsync(router.GetStreamingResponseAsync(FaultRun.Hello, Advanced, cts.Token));
        Assert.True(await server.WaitForHitsAsync(1, FaultRun.HangLimit));
        await cts.CancelAsync();
        var outcome = await read;
        var after = await SummaryAsync(ledger);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Error);
        Assert.Empty(outcome.Updates);
        Assert.Equal(0, after.OpenReservations);
        Assert.Equal(0m, after.Reserved);
        Assert.Equal(0m, after.Settled);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledAfterContent_ChargesTheEstimateAndHoldsNothing()
    {
        var profile = ProviderProfiles.Get("deepseek");
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(Sequence(
            Sse(transcript),
            SseThen(transcript, TransportFaultTests.EventsThroughFirstText(transcript), SseEnding.Stall)));
        using var host = await StartRouterAsync(profile, server);
        var (router, ledger) = Resolve(host);
        var (firstCost, estimate) = await CompleteOneStreamAsync(router);
        using var cts = new CancellationTokenSource();

        var outcome = await FaultRun.StreamAsync(router.GetStreamingResponseAsync(FaultRun.Hello, Advanced, cts.Token), update =>
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                cts.Cancel();
            }
        });
        var after = await SummaryAsync(ledger);

        Assert.NotEmpty(outcome.Text);
        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Error);
        Assert.Equal(0, after.OpenReservations);
        Assert.Equal(0m, after.Reserved);
        Assert.Equal(firstCost + estimate, after.Settled);
        Assert.True(await server.WaitForOpenConnectionsAsync(0, TimeSpan.FromSeconds(5)), "the abandoned stream's connection is closed");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsReadingAfterContent_ChargesTheEstimateAndHoldsNothing()
    {
        var profile = ProviderProfiles.Get("deepseek");
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(Sequence(
            Sse(transcript),
            SseThen(transcript, TransportFaultTests.EventsThroughFirstText(transcript), SseEnding.Stall)));
        using var host = await StartRouterAsync(profile, server);
        var (router, ledger) = Resolve(host);
        var (firstCost, estimate) = await CompleteOneStreamAsync(router);

        await foreach (var update in router.GetStreamingResponseAsync(FaultRun.Hello, Advanced))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                break;
            }
        }

        var after = await SummaryAsync(ledger);
        Assert.Equal(0, after.OpenReservations);
        Assert.Equal(0m, after.Reserved);
        Assert.Equal(firstCost + estimate, after.Settled);
    }

    private static ChatOptions Advanced => new ChatOptions().WithTier(ModelTier.Advanced);

    /// <summary>Streams one whole answer; returns what it cost and the router's estimate for the same call.</summary>
    private static async Task<(decimal Cost, decimal Estimate)> CompleteOneStreamAsync(IChatClient router)
    {
        var updates = await router.GetStreamingResponseAsync(FaultRun.Hello, Advanced).ToListAsync();
        var final = updates[^1];
        var attempt = Assert.Single(final.GetRoutingDecision()!.Attempts);
        return (final.GetCost()!.Value, attempt.EstimatedCost!.Value);
    }

    private static async Task<IHost> StartRouterAsync(ProviderProfile profile, FaultServer server)
    {
        profile.Prepare(server);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = profile.Credentials.ToDictionary(c => $"{path}:{c.Key}", c => (string?)c.Value);
        settings[$"{path}:Endpoint"] = profile.EndpointFor(server.BaseUri).ToString();
        settings["ChineseLlm:Routing:Budget:Limit"] = "100";
        settings["ChineseLlm:Routing:Budget:Period"] = "Day";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddChineseLlm(builder.Configuration.GetSection("ChineseLlm"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static (IChatClient Router, ISpendLedger Ledger) Resolve(IHost host) =>
        (host.Services.GetRequiredService<IChatClient>(), host.Services.GetRequiredService<ISpendLedger>());

    private static async Task<SpendSummary> SummaryAsync(ISpendLedger ledger) =>
        await ledger.GetSummaryAsync(BudgetPeriodKeys.KeyOf(BudgetPeriod.Day, TimeProvider.System.GetUtcNow()));
}
