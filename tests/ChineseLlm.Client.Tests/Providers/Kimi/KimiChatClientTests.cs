using System.Net;
using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Kimi;

public sealed class KimiChatClientTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "kimi", file));

    private static (KimiChatClient Client, RecordingHttpHandler Handler) CreateSut(string? body = null, string contentType = "application/json")
    {
        var handler = new RecordingHttpHandler(body ?? Fixture("chat-plain.json"), HttpStatusCode.OK, contentType);
        return (new KimiChatClient(new KimiOptions { ApiKey = "sk-kimi", Endpoint = new Uri("https://kimi.test/v1") }, new HttpClient(handler)), handler);
    }

    [Fact]
    public async Task GetResponseAsync_K26_SendsMaxCompletionTokensToolNamesAndDropsFixedSampling()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, [new TextContent("What is in it?"), new UriContent(new Uri("https://img.test/cat.png"), "image/png")]),
            new(ChatRole.Assistant, [new FunctionCallContent("get_weather:0", "get_weather", new Dictionary<string, object?> { ["city"] = "北京" })]),
            new(ChatRole.Tool, [new FunctionResultContent("get_weather:0", "晴")]),
        ];
        var options = new ChatOptions
        {
            ModelId = "kimi-k2.6",
            Temperature = 0.7f,
            TopP = 0.5f,
            MaxOutputTokens = 1000,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None },
            AdditionalProperties = new() { ["prompt_cache_key"] = "session-1" },
        };

        await client.GetResponseAsync(messages, options);

        JsonAssert.Equal("""
            {
              "model": "kimi-k2.6",
              "messages": [
                {"role":"user","content":[{"type":"text","text":"What is in it?"},{"type":"image_url","image_url":{"url":"https://img.test/cat.png"}}]},
                {"role":"assistant","content":null,"tool_calls":[{"id":"get_weather:0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]},
                {"role":"tool","tool_call_id":"get_weather:0","name":"get_weather","content":"晴"}
              ],
              "max_completion_tokens": 1000,
              "thinking": {"type":"disabled"},
              "prompt_cache_key": "session-1"
            }
            """, handler.LastBody);
        Assert.Equal("https://kimi.test/v1/chat/completions", handler.Requests[0].Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingOnToolTurnWithoutReasoning_SendsPlaceholderReasoning()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("get_weather:0", "get_weather", new Dictionary<string, object?>())]),
            new(ChatRole.Tool, [new FunctionResultContent("get_weather:0", "晴")]),
        ];

        await client.GetResponseAsync(messages, new ChatOptions { ModelId = "kimi-k2.6" });

        Assert.Equal(" ", JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages")[1].GetProperty("reasoning_content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningFromEarlierTurn_IsSentBack()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "weather?"),
            new(ChatRole.Assistant, [new TextReasoningContent("需要调用工具"), new FunctionCallContent("c:0", "get_weather", new Dictionary<string, object?>())]),
            new(ChatRole.Tool, [new FunctionResultContent("c:0", "晴")]),
        ];

        await client.GetResponseAsync(messages);

        Assert.Equal("需要调用工具", JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages")[1].GetProperty("reasoning_content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_K3_SendsReasoningEffortNeverThinking()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { ModelId = "kimi-k3", Reasoning = new ReasoningOptions { Effort = ReasoningEffort.ExtraHigh } });

        var root = JsonDocument.Parse(handler.LastBody).RootElement;
        Assert.Equal("max", root.GetProperty("reasoning_effort").GetString());
        Assert.False(root.TryGetProperty("thinking", out _));
    }

    [Fact]
    public async Task GetResponseAsync_PartialMode_PassesThePartialFlag()
    {
        var (client, handler) = CreateSut();
        var prefix = new ChatMessage(ChatRole.Assistant, "{") { AdditionalProperties = new() { ["partial"] = true } };

        await client.GetResponseAsync([new(ChatRole.User, "JSON please"), prefix], new ChatOptions { ModelId = "moonshot-v1-8k" });

        var sent = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages")[1];
        Assert.True(sent.GetProperty("partial").GetBoolean());
        Assert.Equal("{", sent.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_WebSearchRound_EchoesBuiltinTypeAndReceipt()
    {
        var (client, handler) = CreateSut(Fixture("chat-web-search-tool-call.json"));
        var first = await client.GetResponseAsync("news today?");
        var call = Assert.Single(first.Messages.Single().Contents.OfType<FunctionCallContent>());
        Assert.Equal("$web_search", call.Name);

        List<ChatMessage> followUp = [new(ChatRole.User, "news today?"), .. first.Messages, new(ChatRole.Tool, [new FunctionResultContent(call.CallId, "{\"search_result\":{\"search_id\":\"d2c1f0e9a8b7\"}}")])];
        await client.GetResponseAsync(followUp);

        var echoed = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages")[1].GetProperty("tool_calls")[0];
        Assert.Equal("builtin_function", echoed.GetProperty("type").GetString());
        Assert.Equal("tool_7b2d0e4f9a1c", echoed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageOnlyInsideChoice_IsReported()
    {
        var (client, _) = CreateSut(Fixture("stream-usage-in-choice.sse"), "text/event-stream");

        var response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal("你好，李雷！1+1等于2。", response.Text);
        Assert.Equal(19, response.Usage!.InputTokenCount);
        Assert.Equal(13, response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageAtTopLevel_IsReportedWithCachedTokens()
    {
        var (client, _) = CreateSut(Fixture("stream-usage-top-level.sse"), "text/event-stream");

        var response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal(32, response.Usage!.TotalTokenCount);
        Assert.Equal(12, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitMessage_ParsesRetryAfterSeconds()
    {
        var handler = new RecordingHttpHandler(Fixture("error-429-rate-limit-reached.json"), HttpStatusCode.TooManyRequests);
        using var client = new KimiChatClient(new KimiOptions { ApiKey = "sk-kimi" }, new HttpClient(handler));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
    }
}
