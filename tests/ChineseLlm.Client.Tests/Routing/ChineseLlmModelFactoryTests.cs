namespace ChineseLlm.Client.Routing;

public sealed class ChineseLlmModelFactoryTests
{
    [Fact]
    public void RoutingDecision_FromParts_ExposesThemAndDescribesThem()
    {
        var decision = ChineseLlmModelFactory.RoutingDecision(
            ModelTier.Advanced,
            [
                ChineseLlmModelFactory.RoutingCandidate("deepseek", "deepseek-flash", ModelTier.Advanced, 0.004m),
                ChineseLlmModelFactory.RoutingCandidate("qwen", "qwen-flash", ModelTier.Lite, 0.001m, RoutingSkipReason.TierTooLow, "Lite < Advanced"),
            ],
            [ChineseLlmModelFactory.RoutingAttempt("deepseek", "deepseek-flash", cost: 0.0035m)],
            provider: "deepseek",
            modelId: "deepseek-flash",
            cost: 0.0035m);

        Assert.Equal(("deepseek", "deepseek-flash", 0.0035m), (decision.Provider, decision.ModelId, decision.Cost));
        Assert.True(decision.Candidates[0].IsEligible);
        Assert.False(decision.Candidates[1].IsEligible);
        Assert.Equal(
            "Advanced → deepseek/deepseek-flash, 0.0035 CNY (0 input + 0 output tokens estimated at 0001-01-01 00:00:00Z); attempts: deepseek/deepseek-flash Succeeded 0.0035 CNY; candidates: deepseek/deepseek-flash 0.004 CNY; qwen/qwen-flash 0.001 CNY, skipped: TierTooLow (Lite < Advanced)",
            decision.ToString());
    }

    [Fact]
    public void RoutingAttempt_Failed_DescribesTheKind()
    {
        var attempt = ChineseLlmModelFactory.RoutingAttempt("kimi", "kimi-k2.6", RoutingAttemptOutcome.Failed, LlmErrorKind.RateLimited);

        Assert.Equal("kimi/kimi-k2.6 Failed RateLimited", attempt.ToString());
        Assert.Throws<ArgumentException>(() => ChineseLlmModelFactory.RoutingAttempt("", "m"));
    }
}
