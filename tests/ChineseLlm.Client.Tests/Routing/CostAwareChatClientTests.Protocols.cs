using ChineseLlm.Client.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

/// <summary>Eligibility is what will really be sent: the row's capabilities intersected with the provider protocol's.</summary>
public sealed partial class CostAwareChatClientTests
{
    private static (CostAwareChatClient Router, ScriptedChatClient Qwen, ScriptedChatClient DeepSeek) RouterWithProtocols(ProtocolCapabilities qwenProtocol)
    {
        var catalog = CatalogOf(
            Card("qwen", "q-cheap", ModelTier.Standard, 0.1m, 0.1m, capabilities: ["Tools", "Json", "Vision"]),
            Card("deepseek", "d-dear", ModelTier.Standard, 0.5m, 0.5m, capabilities: ["Tools", "Json", "Vision"]));
        var qwen = new ScriptedChatClient("qwen");
        var deepseek = new ScriptedChatClient("deepseek");
        var router = new CostAwareChatClient(
            new Dictionary<string, IChatClient> { ["qwen"] = new DeclaringChatClient(qwen, qwenProtocol), ["deepseek"] = deepseek },
            RouterSettings.FromValidated(catalog, new RoutingOptions()),
            new FakeTimeProvider(OffPeak),
            spendLedger: null,
            providerHealth: null,
            loggerFactory: null,
            requireProviders: true);
        return (router, qwen, deepseek);
    }

    [Fact]
    public async Task GetResponseAsync_JsonCallAndAProtocolWithoutJson_GoesToAModelWhoseProtocolSendsIt()
    {
        var (router, qwen, _) = RouterWithProtocols(new ProtocolCapabilities("Test native", ModelCapabilities.Tools | ModelCapabilities.Vision, SendsJsonSchema: false));

        var json = await router.GetResponseAsync(Hello, new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        var plain = await router.GetResponseAsync(Hello);

        Assert.Equal("d-dear", json.ModelId);
        var skipped = json.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "q-cheap");
        Assert.Equal(RoutingSkipReason.MissingCapabilities, skipped.SkipReason);
        Assert.Equal("needs Json, which the Test native protocol does not send", skipped.SkipDetail);
        Assert.Equal("q-cheap", plain.ModelId); // a call that needs nothing still goes to the cheapest
        Assert.Equal(["q-cheap"], qwen.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ImageCallAndAProtocolWithoutImages_NeverReachesIt()
    {
        var (router, qwen, _) = RouterWithProtocols(new ProtocolCapabilities("Text only", ModelCapabilities.Tools | ModelCapabilities.Json, SendsJsonSchema: true));
        List<ChatMessage> image = [new(ChatRole.User, [new TextContent("这是什么？"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")])];

        var response = await router.GetResponseAsync(image);

        Assert.Equal("d-dear", response.ModelId);
        Assert.Empty(qwen.Calls);
    }
}
