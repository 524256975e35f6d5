using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Routing;

public sealed class ChatResponseRoutingExtensionsTests
{
    [Fact]
    public void Getters_ResponseNotRouted_ReturnNull()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi"));
        var update = new ChatResponseUpdate(ChatRole.Assistant, "hi");

        Assert.Null(response.GetCost());
        Assert.Null(response.GetProvider());
        Assert.Null(response.GetRoutingDecision());
        Assert.Null(update.GetCost());
        Assert.Null(update.GetProvider());
        Assert.Null(update.GetRoutingDecision());
        Assert.Null(new ChineseLlmException("kimi", LlmErrorKind.ServerError, "x").GetRoutingDecision());
    }

    [Fact]
    public void GetCost_MessagesOfSeveralCalls_AreAddedUp()
    {
        var first = new ChatMessage(ChatRole.Assistant, "a") { AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = 0.001m } };
        var tool = new ChatMessage(ChatRole.Tool, "r");
        var second = new ChatMessage(ChatRole.Assistant, "b") { AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = 0.0025m } };
        var response = new ChatResponse([first, tool, second]) { AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = 0.0025m } };

        Assert.Equal(0.0035m, response.GetCost());
    }

    [Fact]
    public void GetCost_OneCallWithUnknownCost_MakesTheTotalUnknown()
    {
        var known = new ChatMessage(ChatRole.Assistant, "a") { AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = 0.001m } };
        var unknown = new ChatMessage(ChatRole.Assistant, "b") { AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = null } };

        Assert.Null(new ChatResponse([known, unknown]).GetCost());
    }

    [Fact]
    public void GetCost_AfterJsonRoundTrip_ReadsTheNumberExactly()
    {
        var number = JsonDocument.Parse("0.00036784").RootElement;
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "a"))
        {
            AdditionalProperties = new() { [ChatResponseRoutingExtensions.CostKey] = number, [ChatResponseRoutingExtensions.ProviderKey] = JsonDocument.Parse("\"kimi\"").RootElement },
        };

        Assert.Equal(0.00036784m, response.GetCost());
        Assert.Equal("kimi", response.GetProvider());
    }

    [Fact]
    public void Getters_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((ChatResponse)null!).GetCost());
        Assert.Throws<ArgumentNullException>(() => ((ChatResponseUpdate)null!).GetProvider());
        Assert.Throws<ArgumentNullException>(() => ((ChineseLlmException)null!).GetRoutingDecision());
    }
}
