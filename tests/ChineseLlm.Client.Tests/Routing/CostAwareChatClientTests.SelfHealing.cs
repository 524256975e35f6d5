using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

/// <summary>Self-healing: a model the vendor answers ModelNotFound for is left out for RoutingOptions.ModelNotFoundCooldown.</summary>
public sealed partial class CostAwareChatClientTests
{
    private static ModelCatalog TwoQwenOneDeepSeek() => CatalogOf(
        Card("qwen", "q-retired", ModelTier.Standard, 0.1m, 0.1m),
        Card("qwen", "q-current", ModelTier.Standard, 0.2m, 0.2m),
        Card("deepseek", "d1", ModelTier.Standard, 0.3m, 0.3m));

    private static (CostAwareChatClient Router, Dictionary<string, ScriptedChatClient> Providers, FakeTimeProvider Time, FakeLogCollector Logs) LoggedRouter(
        ModelCatalog catalog, RoutingOptions? options = null, IProviderHealth? health = null)
    {
        var clients = catalog.Models.Select(m => m.Provider!).Distinct().ToDictionary(k => k, k => new ScriptedChatClient(k));
        var time = new FakeTimeProvider(OffPeak);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var router = new CostAwareChatClient(
            clients.ToDictionary(c => c.Key, c => (IChatClient)c.Value),
            RouterSettings.FromValidated(catalog, options ?? new RoutingOptions()),
            time,
            spendLedger: null,
            health ?? new InMemoryProviderHealth(time),
            loggerFactory,
            requireProviders: true);
        return (router, clients, time, logs);
    }

    [Fact]
    public async Task GetResponseAsync_ModelNotFound_ModelSkippedByLaterCallsUntilTheCooldownPasses_ProviderStaysRoutable()
    {
        var (router, providers, time, logs) = LoggedRouter(TwoQwenOneDeepSeek());
        providers["qwen"].OnResponse = (_, options, _) => options?.ModelId == "q-retired"
            ? Task.FromException<ChatResponse>(new ChineseLlmException("qwen", LlmErrorKind.ModelNotFound, "Model not exist.", statusCode: 404))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "qwen:" + options?.ModelId)) { ModelId = options?.ModelId });

        var first = await router.GetResponseAsync(Hello);
        var second = await router.GetResponseAsync(Hello);
        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        var justBefore = await router.GetResponseAsync(Hello);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await router.GetResponseAsync(Hello);

        // The same provider's other model answers: only the (provider, model) is left out, not the provider.
        Assert.Equal("q-current", first.ModelId);
        Assert.Equal("q-current", second.ModelId);
        var skipped = second.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "q-retired");
        Assert.Equal(RoutingSkipReason.ModelUnavailable, skipped.SkipReason);
        Assert.Contains("ModelNotFound until 2026-11-21 05:00:00Z", skipped.SkipDetail, StringComparison.Ordinal);
        Assert.Equal("q-current", justBefore.ModelId);
        Assert.Equal(["q-retired", "q-current", "q-current", "q-current", "q-retired", "q-current"], providers["qwen"].Calls);
        Assert.Equal("q-current", after.ModelId);
        Assert.Equal(2, after.GetRoutingDecision()!.Attempts.Count);

        var warnings = logs.GetSnapshot().Where(r => r.Id.Name == "ModelUnavailable").ToList();
        Assert.Equal(2, warnings.Count); // the first failure and the one after the cooldown
        var warning = warnings[0];
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("qwen/q-retired", warning.Message, StringComparison.Ordinal);
        Assert.Contains("01:00:00", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ModelNotFound_MarksTheModelLikeANonStreamingCall()
    {
        var (router, providers, _, _) = LoggedRouter(TwoQwenOneDeepSeek());
        providers["qwen"].OnStream = (_, options, ct) => options?.ModelId == "q-retired"
            ? Throwing(new ChineseLlmException("qwen", LlmErrorKind.ModelNotFound, "model not found", statusCode: 404))
            : providers["qwen"].DefaultStream(options, ct);

        await foreach (var _ in router.GetStreamingResponseAsync(Hello))
        {
        }

        var next = await router.GetResponseAsync(Hello);

        Assert.Equal("q-current", next.ModelId);
        Assert.Equal(RoutingSkipReason.ModelUnavailable, next.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "q-retired").SkipReason);

        static async IAsyncEnumerable<ChatResponseUpdate> Throwing(Exception ex)
        {
            await Task.Yield();
            throw ex;
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }

    [Fact]
    public async Task GetResponseAsync_ModelNotFoundCooldownZero_ModelIsTriedAgainByTheNextCall()
    {
        var (router, providers, _, logs) = LoggedRouter(TwoQwenOneDeepSeek(), new RoutingOptions { ModelNotFoundCooldown = TimeSpan.Zero });
        providers["qwen"].OnResponse = Fail(LlmErrorKind.ModelNotFound, "qwen");

        await router.GetResponseAsync(Hello);
        await router.GetResponseAsync(Hello);

        Assert.Equal(["q-retired", "q-current", "q-retired", "q-current"], providers["qwen"].Calls);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Name == "ModelUnavailable");
    }

    [Fact]
    public async Task GetResponseAsync_EveryEligibleModelUnavailable_FailsWithModelNotFoundAndTheDecisionWithoutCalling()
    {
        var (router, providers, _, _) = LoggedRouter(CatalogOf(Card("qwen", "only", ModelTier.Standard, 0.1m, 0.1m)));
        providers["qwen"].OnResponse = Fail(LlmErrorKind.ModelNotFound, "qwen");
        await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.ModelNotFound, ex.Kind);
        Assert.Equal("qwen", ex.Provider);
        Assert.Contains("qwen/only", ex.Message, StringComparison.Ordinal);
        Assert.Single(providers["qwen"].Calls);
        Assert.Equal(RoutingSkipReason.ModelUnavailable, Assert.Single(ex.GetRoutingDecision()!.Candidates).SkipReason);
    }

    [Fact]
    public async Task GetResponseAsync_ModelNotFound_IsStoredInProviderHealthUnderProviderSlashModel()
    {
        var time = new FakeTimeProvider(OffPeak);
        var health = new InMemoryProviderHealth(time);
        var (router, providers, _, _) = LoggedRouter(TwoQwenOneDeepSeek(), health: health);
        providers["qwen"].OnResponse = Fail(LlmErrorKind.ModelNotFound, "qwen");

        await router.GetResponseAsync(Hello);

        var cooldowns = await health.GetCooldownsAsync(["qwen", "qwen/q-retired", "qwen/q-current"]);
        Assert.Equal(["qwen/q-current", "qwen/q-retired"], cooldowns.Keys.Order(StringComparer.Ordinal));
        Assert.All(cooldowns.Values, c => Assert.Equal(LlmErrorKind.ModelNotFound, c.Reason));
        Assert.Equal(OffPeak + TimeSpan.FromHours(1), cooldowns["qwen/q-retired"].Until);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("30.00:00:01")]
    public void Validate_ModelNotFoundCooldownOutOfRange_NamesTheKey(string value)
    {
        var problems = new RoutingOptions { ModelNotFoundCooldown = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }.Validate("ChineseLlm:Routing");

        Assert.StartsWith("ChineseLlm:Routing:ModelNotFoundCooldown must be between 00:00:00 and 30.00:00:00", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelNotFoundCooldown_DefaultsToOneHour() => Assert.Equal(TimeSpan.FromHours(1), new RoutingOptions().ModelNotFoundCooldown);
}

/// <summary>A provider client that declares what its protocol sends (as the library's clients do through GetService).</summary>
internal sealed class DeclaringChatClient(IChatClient inner, Http.ProtocolCapabilities capabilities) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType == typeof(Http.ProtocolCapabilities) ? capabilities : base.GetService(serviceType, serviceKey);
}
