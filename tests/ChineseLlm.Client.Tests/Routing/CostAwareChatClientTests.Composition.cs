using Microsoft.Extensions.AI;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static readonly AIFunction Weather = AIFunctionFactory.Create((string city) => city + "：晴，25°C", "get_weather", "Gets the weather of a city.");

    /// <summary>Answers with a tool call until the conversation holds its result, then with the result's text.</summary>
    private static Task<ChatResponse> ToolThenAnswer(IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().FirstOrDefault();
        var message = result is null
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "北京" })])
            : new ChatMessage(ChatRole.Assistant, "北京今天" + result.Result);
        return Task.FromResult(new ChatResponse(message)
        {
            ModelId = options?.ModelId,
            FinishReason = result is null ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500 },
        });
    }

    [Fact]
    public async Task GetResponseAsync_UnderFunctionInvocation_RunsTheToolLoopAndAddsUpTheCost()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnResponse = ToolThenAnswer;
        using var client = new ChatClientBuilder(router).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync([new(ChatRole.User, "北京天气怎么样？")], new ChatOptions { Tools = [Weather] });

        Assert.Equal("北京今天北京：晴，25°C", response.Text);
        Assert.Equal(2, providers["qwen"].Calls.Count);
        var oneCall = ((1_000 * 0.8m) + (500 * 2m)) / 1_000_000m;
        Assert.Equal(2 * oneCall, response.GetCost());
        Assert.Equal("qwen", response.GetProvider());
        Assert.Equal(2_000, response.Usage?.InputTokenCount);
        Assert.Equal(ModelCapabilities.Tools, response.GetRoutingDecision()!.RequiredCapabilities);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UnderFunctionInvocation_RunsTheToolLoopAndAddsUpTheCost()
    {
        var (router, providers, _) = Router();
        providers["qwen"].OnStream = (messages, options, ct) => Stream(ToolThenAnswer(messages, options, ct));
        using var client = new ChatClientBuilder(router).UseFunctionInvocation().Build();

        var updates = await client.GetStreamingResponseAsync([new(ChatRole.User, "北京天气怎么样？")], new ChatOptions { Tools = [Weather] }).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal(2, providers["qwen"].Calls.Count);
        Assert.EndsWith("北京今天北京：晴，25°C", response.Text, StringComparison.Ordinal);
        Assert.Equal(2 * (((1_000 * 0.8m) + (500 * 2m)) / 1_000_000m), response.GetCost());
        Assert.Equal(2, updates.Count(u => u.GetCost() is not null));

        static async IAsyncEnumerable<ChatResponseUpdate> Stream(Task<ChatResponse> answer)
        {
            foreach (var update in (await answer).ToChatResponseUpdates())
            {
                update.MessageId ??= Guid.NewGuid().ToString("N");
                yield return update;
            }
        }
    }
}
