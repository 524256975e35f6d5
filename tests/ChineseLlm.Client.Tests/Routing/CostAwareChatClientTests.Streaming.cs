using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static async IAsyncEnumerable<ChatResponseUpdate> FailingStream(LlmErrorKind kind, string provider, IEnumerable<ChatResponseUpdate>? before = null)
    {
        await Task.Yield();
        foreach (var update in before ?? [])
        {
            yield return update;
        }

        throw new ChineseLlmException(provider, kind, "scripted stream failure");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Routed_FinalUpdateCarriesProviderCostDecisionAndUsage()
    {
        var (router, providers, _) = Router();

        var updates = await router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal("qwen:q-standard", string.Concat(updates.Select(u => u.Text)));
        var final = updates[^1];
        Assert.Equal("qwen", final.GetProvider());
        Assert.Equal("q-standard", final.ModelId);
        var expected = ((1_000 * 0.8m) + (500 * 2m)) / 1_000_000m;
        Assert.Equal(expected, final.GetCost());
        Assert.Equal(ChatFinishReason.Stop, final.FinishReason);
        Assert.Single(final.Contents.OfType<UsageContent>());
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(("qwen", "q-standard", expected), (final.GetRoutingDecision()!.Provider, final.GetRoutingDecision()!.ModelId, final.GetRoutingDecision()!.Cost));
        Assert.All(updates.Take(updates.Count - 1), u => Assert.Null(u.GetCost()));

        var response = updates.ToChatResponse();
        Assert.Equal(expected, response.GetCost());
        Assert.Equal("qwen", response.GetProvider());
        Assert.NotNull(response.GetRoutingDecision());
        Assert.Equal(1_000, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamWithoutUsageUpdate_EndsWithAnnotatedTrailer()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnStream = (_, o, _) => new[] { providers["qwen"].Update("hi", o) }.ToAsyncEnumerable();

        var updates = await router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal(2, updates.Count);
        Assert.Equal("hi", updates[0].Text);
        Assert.Empty(updates[1].Contents);
        Assert.Equal(("qwen", "q-standard", "resp-qwen"), (updates[1].GetProvider(), updates[1].ModelId, updates[1].MessageId));
        Assert.Null(updates[1].GetCost());
        Assert.Equal("hi", updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsBeforeFirstUpdate_NextCheapestStreams()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnStream = (_, _, _) => FailingStream(LlmErrorKind.ServerError, "qwen");

        var updates = await router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal("deepseek:d-standard", string.Concat(updates.Select(u => u.Text)));
        var decision = updates[^1].GetRoutingDecision()!;
        Assert.Equal([RoutingAttemptOutcome.Failed, RoutingAttemptOutcome.Succeeded], decision.Attempts.Select(a => a.Outcome));
        Assert.Equal("deepseek", updates[^1].GetProvider());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsAfterFirstUpdate_PropagatesWithoutFailover()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnStream = (_, o, _) => FailingStream(LlmErrorKind.Network, "qwen", [providers["qwen"].Update("半", o)]);
        var received = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in router.GetStreamingResponseAsync(Hello))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal("半", Assert.Single(received).Text);
        Assert.Empty(providers["deepseek"].Calls);
        var attempt = Assert.Single(ex.GetRoutingDecision()!.Attempts);
        Assert.Equal(RoutingAttemptOutcome.Failed, attempt.Outcome);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TextUpdates_ReachCallerBeforeProviderSendsTheNext()
    {
        var (router, providers, _) = Router();
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>();
        providers["qwen"].OnStream = (_, _, ct) => channel.Reader.ReadAllAsync(ct);
        await channel.Writer.WriteAsync(providers["qwen"].Update("第一", null));

        await using var enumerator = router.GetStreamingResponseAsync(Hello).GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync().AsTask();

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("第一", enumerator.Current.Text);
        channel.Writer.Complete();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal("qwen", enumerator.Current.GetProvider());
        Assert.False(await enumerator.MoveNextAsync());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsEarly_RecordsNothingMoreAndReleasesTheStream()
    {
        var (router, providers, _) = Router();
        var disposed = false;
        providers["qwen"].OnStream = (_, o, ct) => Track(providers["qwen"].DefaultStream(o, ct), () => disposed = true);

        await foreach (var update in router.GetStreamingResponseAsync(Hello))
        {
            break;
        }

        Assert.True(disposed);
        Assert.Empty(providers["deepseek"].Calls);

        static async IAsyncEnumerable<ChatResponseUpdate> Track(IAsyncEnumerable<ChatResponseUpdate> inner, Action onDispose, [EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                await foreach (var update in inner.WithCancellation(ct))
                {
                    yield return update;
                }
            }
            finally
            {
                onDispose();
            }
        }
    }

    [Fact]
    public async Task GetStreamingResponseAsync_QuotaBeforeFirstUpdate_CoolsDownAndFailsOver()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnStream = (_, _, _) => FailingStream(LlmErrorKind.QuotaExceeded, "qwen");

        await router.GetStreamingResponseAsync(Hello).ToListAsync();
        var second = await router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Single(providers["qwen"].Calls);
        Assert.Equal("deepseek", second[^1].GetProvider());
    }
}
