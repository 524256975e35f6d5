using System.Net;
using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.DeepSeek;

public sealed class DeepSeekChatClientTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "deepseek", file));

    private static (DeepSeekChatClient Client, RecordingHttpHandler Handler) CreateSut(string? responseBody = null, string? defaultModel = null)
    {
        var handler = new RecordingHttpHandler(responseBody ?? Fixture("chat-plain.json"));
        var client = new DeepSeekChatClient(
            new DeepSeekOptions { ApiKey = "sk-test", Endpoint = new Uri("https://deepseek.test"), DefaultModel = defaultModel },
            new HttpClient(handler));
        return (client, handler);
    }

    [Fact]
    public async Task GetResponseAsync_FullConversation_SendsExactDocumentedJson()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("Need the tool."),
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
        ];
        var options = new ChatOptions
        {
            ModelId = "deepseek-v4-pro",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 256,
            StopSequences = ["END"],
            Seed = 7,
            ResponseFormat = ChatResponseFormat.Json,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
            ToolMode = ChatToolMode.Auto,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Weather by city.",
                JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement)],
            AdditionalProperties = new() { ["user_id"] = "u-1", ["not_a_deepseek_field"] = 1 },
        };

        await client.GetResponseAsync(messages, options);

        JsonAssert.Equal("""
            {
              "model": "deepseek-v4-pro",
              "messages": [
                {"role":"system","content":"You are terse.\n\nReply with JSON only: one valid JSON object."},
                {"role":"user","content":"Weather in Paris?"},
                {"role":"assistant","content":null,"reasoning_content":"Need the tool.",
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
                {"role":"tool","tool_call_id":"call_1","content":"sunny"}
              ],
              "temperature": 0.5,
              "top_p": 0.9,
              "max_tokens": 256,
              "stop": ["END"],
              "seed": 7,
              "response_format": {"type":"json_object"},
              "tools": [{"type":"function","function":{"name":"get_weather","description":"Weather by city.",
                         "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
              "tool_choice": "auto",
              "thinking": {"type":"enabled"},
              "reasoning_effort": "high",
              "user_id": "u-1"
            }
            """, handler.LastBody);
        var request = handler.Requests[0].Request;
        Assert.Equal("https://deepseek.test/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer sk-test", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task GetResponseAsync_ToolsPresent_SendsReasoningContentOnEveryAssistantTurn()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages = [new(ChatRole.User, "hi"), new(ChatRole.Assistant, "hello"), new(ChatRole.User, "weather?")];

        await client.GetResponseAsync(messages, new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("f", null, JsonDocument.Parse("{}").RootElement)] });

        var sent = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages");
        Assert.Equal(string.Empty, sent[1].GetProperty("reasoning_content").GetString());
        Assert.False(sent[0].TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public async Task GetResponseAsync_NoTools_DoesNotAddEmptyReasoning()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync([new(ChatRole.User, "hi"), new(ChatRole.Assistant, "hello"), new(ChatRole.User, "again")]);

        Assert.False(JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("messages")[1].TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningEffortNone_DisablesThinking()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });

        var root = JsonDocument.Parse(handler.LastBody).RootElement;
        Assert.Equal("disabled", root.GetProperty("thinking").GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchema_DegradesToJsonObject()
    {
        var (client, handler) = CreateSut();
        var schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

        await client.GetResponseAsync("hi", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer") });

        JsonAssert.Equal("""{"type":"json_object"}""", JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_NoModelId_UsesConfiguredThenBuiltInDefault()
    {
        var (client, handler) = CreateSut();
        await client.GetResponseAsync("hi");
        Assert.Equal("deepseek-flash", JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("model").GetString());

        var (configured, handler2) = CreateSut(defaultModel: "deepseek-v4-pro");
        await configured.GetResponseAsync("hi");
        Assert.Equal("deepseek-v4-pro", JsonDocument.Parse(handler2.LastBody).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ImageContent_FailsBeforeSending()
    {
        var (client, handler) = CreateSut();
        var message = new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new UriContent(new Uri("https://x.test/a.png"), "image/png")]);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync([message]));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("deepseek", ex.Provider);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_KeepAliveBlankLinesBeforeBody_ParsesTheBody()
    {
        var (client, _) = CreateSut(Fixture("chat-plain-keepalive-prefix.txt"));

        var response = await client.GetResponseAsync("hi");

        Assert.StartsWith("```c", response.Text, StringComparison.Ordinal);
        Assert.Equal(192, response.Usage!.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_Thinking_MapsReasoningAndReasoningTokens()
    {
        var (client, _) = CreateSut(Fixture("chat-thinking.json"));

        var response = await client.GetResponseAsync("9.11 or 9.8?");

        var contents = response.Messages.Single().Contents;
        Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal("比较 9.11 和 9.8：小数部分 0.11 < 0.80，所以 9.11 更小。", ((TextReasoningContent)contents[0]).Text);
        Assert.Equal("9.11 比 9.8 小。", response.Text);
        Assert.Equal(49, response.Usage!.ReasoningTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_InsufficientSystemResource_IsTransientServerError()
    {
        var body = Fixture("chat-plain.json").Replace("\"finish_reason\": \"stop\"", "\"finish_reason\": \"insufficient_system_resource\"", StringComparison.Ordinal);
        Assert.Contains("insufficient_system_resource", body, StringComparison.Ordinal);
        var (client, _) = CreateSut(body);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FinishChunkCarriesText_AppliesItBeforeFinishing()
    {
        var handler = new RecordingHttpHandler(Fixture("stream-length-finish-with-content.sse"), HttpStatusCode.OK, "text/event-stream");
        using var client = new DeepSeekChatClient(new DeepSeekOptions { ApiKey = "sk-test" }, new HttpClient(handler));

        var response = await client.GetStreamingResponseAsync("tell a story").ToChatResponseAsync();

        Assert.Equal("Once upon", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(4, response.Usage!.OutputTokenCount);
        var body = JsonDocument.Parse(handler.LastBody).RootElement;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void Constructor_MissingApiKey_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DeepSeekChatClient(new DeepSeekOptions()));
        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_NeverPrintsTheKey()
    {
        var options = new DeepSeekOptions { ApiKey = "sk-very-secret-value" };
        Assert.DoesNotContain("sk-very-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Credentials = set", options.ToString(), StringComparison.Ordinal);
    }
}
