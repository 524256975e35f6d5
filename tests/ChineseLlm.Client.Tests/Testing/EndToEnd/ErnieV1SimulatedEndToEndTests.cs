using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class ErnieV1SimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "ernie";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.ErnieV1;

    protected override string Model => "completions_pro";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Ernie.ApiKey = "simulated-client-id";
        options.Providers.Ernie.SecretKey = SecretApiKey;
        return options.Providers.Ernie;
    }

    /// <summary>v1 documents no context-length code; the simulator's 336103 ("Prompt tokens too long") reads as a bad request.</summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.ContextLengthExceeded ? LlmErrorKind.InvalidRequest : simulated;

    /// <summary>v1 usage has no cache count.</summary>
    protected override void AssertCachedTokens(long expected, UsageDetails? usage) => Assert.Null(usage?.CachedInputTokenCount);

    /// <summary>v1 has no reasoning field: the answer arrives, the reasoning does not.</summary>
    [Fact]
    public override async Task GetResponseAsync_Reasoning_ReturnsTheReasoningApartFromTheText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "9.11 更小。", Reasoning = "比较小数部分。" });

        var response = await Client.GetResponseAsync("9.11 和 9.8 哪个小？");

        Assert.Equal("9.11 更小。", response.Text);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
    }

    /// <summary>v1 has no reasoning field in streams either.</summary>
    [Fact]
    public override async Task GetStreamingResponseAsync_Reasoning_StreamsReasoningThenText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "9.11 更小。", Reasoning = "比较小数部分。" });

        var updates = await Client.GetStreamingResponseAsync("9.11 和 9.8 哪个小？").ToListAsync();

        Assert.Equal("9.11 更小。", updates.ToChatResponse().Text);
        Assert.Empty(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>());
    }

    [Fact]
    public async Task GetResponseAsync_FirstCall_FetchesOneTokenAndReusesIt()
    {
        await Client.GetResponseAsync("你好");
        await Client.GetResponseAsync("再见");

        var all = Simulator.RequestsTo(ProviderKey);
        Assert.Single(all, r => !r.IsChat);
        Assert.Equal(2, all.Count(r => r.IsChat));
        Assert.All(all, r => Assert.Contains("=***", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_TokenRejected_RefreshesOnceAndSucceeds()
    {
        Simulator.SetReply(ProviderKey, SimulatedReply.FromText("换了新令牌。"));
        Simulator.Enqueue(ProviderKey, SimulatedFault.Error(LlmErrorKind.Authentication)); // error 110 on the first chat call

        var response = await Client.GetResponseAsync("你好");

        Assert.Equal("换了新令牌。", response.Text);
        Assert.Equal(2, Simulator.RequestsTo(ProviderKey).Count(r => !r.IsChat));
    }
}
