using System.Net;
using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>The native DashScope protocol: exact request JSON, headers, URLs and response mapping, without HTTP.</summary>
public sealed class QwenChatClientTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "qwen", file));

    private static (QwenChatClient Client, RecordingHttpHandler Handler) CreateSut(
        string? body = null, string contentType = "application/json", Action<QwenOptions>? configure = null)
    {
        var handler = new RecordingHttpHandler(body ?? Fixture("native-chat.json"), HttpStatusCode.OK, contentType);
        var options = new QwenOptions { ApiKey = "sk-qwen", Endpoint = new Uri("https://dashscope.test/api/v1") };
        configure?.Invoke(options);
        return (new QwenChatClient(options, new HttpClient(handler)), handler);
    }

    private static ChatOptions WeatherTools(ChatToolMode? mode = null) => new()
    {
        ToolMode = mode,
        Tools = [AIFunctionFactory.CreateDeclaration("get_current_weather", "获取现在的天气",
            JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement)],
    };

    [Fact]
    public async Task GetResponseAsync_FullConversation_SendsExactNativeJson()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "杭州现在的天气如何？"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("需要查天气。"),
                new FunctionCallContent("call_cec4c19d27624537b583af", "get_current_weather", new Dictionary<string, object?> { ["location"] = "浙江省杭州市" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_cec4c19d27624537b583af", "浙江省杭州市 大部多云，摄氏 18 度")]),
        ];
        var options = WeatherTools(ChatToolMode.Auto);
        options.ModelId = "qwen-max";
        options.Instructions = "You are a helpful assistant.";
        options.Temperature = 0.85f;
        options.TopP = 0.8f;
        options.TopK = 100;
        options.MaxOutputTokens = 1024;
        options.Seed = 6999;
        options.PresencePenalty = 0.5f;
        options.StopSequences = ["END"];
        options.AllowMultipleToolCalls = true;
        options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High };
        options.AdditionalProperties = new() { ["thinking_budget"] = 500, ["enable_search"] = false, ["not_a_dashscope_field"] = 1 };

        await client.GetResponseAsync(messages, options);

        JsonAssert.Equal("""
            {
              "model": "qwen-max",
              "input": {
                "messages": [
                  {"role":"system","content":"You are a helpful assistant."},
                  {"role":"user","content":"杭州现在的天气如何？"},
                  {"role":"assistant","content":"","tool_calls":[{"index":0,"id":"call_cec4c19d27624537b583af","type":"function",
                    "function":{"name":"get_current_weather","arguments":"{\"location\":\"浙江省杭州市\"}"}}]},
                  {"role":"tool","content":"浙江省杭州市 大部多云，摄氏 18 度","tool_call_id":"call_cec4c19d27624537b583af"}
                ]
              },
              "parameters": {
                "result_format": "message",
                "max_tokens": 1024,
                "temperature": 0.85,
                "top_p": 0.8,
                "top_k": 100,
                "seed": 6999,
                "presence_penalty": 0.5,
                "stop": ["END"],
                "tools": [{"type":"function","function":{"name":"get_current_weather","description":"获取现在的天气",
                  "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                "tool_choice": "auto",
                "parallel_tool_calls": true,
                "enable_thinking": true,
                "thinking_budget": 500,
                "enable_search": false
              }
            }
            """, handler.LastBody);
        var request = handler.Requests[0].Request;
        Assert.Equal("https://dashscope.test/api/v1/services/aigc/text-generation/generation", request.RequestUri!.ToString());
        Assert.Equal("Bearer sk-qwen", request.Headers.GetValues("Authorization").Single());
        Assert.False(request.Headers.Contains("X-DashScope-SSE"));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Always_RequestsIncrementalSseWithBothSwitches()
    {
        var (client, handler) = CreateSut(Fixture("native-stream.sse"), "text/event-stream");

        await client.GetStreamingResponseAsync("1+1=?").ToListAsync();

        JsonAssert.Equal("""
            {"model":"qwen-plus","input":{"messages":[{"role":"user","content":"1+1=?"}]},
             "parameters":{"result_format":"message","incremental_output":true}}
            """, handler.LastBody);
        var request = handler.Requests[0].Request;
        Assert.Equal("enable", request.Headers.GetValues("X-DashScope-SSE").Single());
        Assert.Contains(request.Headers.Accept, a => a.MediaType == "text/event-stream");
    }

    [Fact]
    public async Task GetResponseAsync_NonStreaming_DoesNotSendIncrementalOutput()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi");

        var parameters = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("parameters");
        Assert.Equal("message", parameters.GetProperty("result_format").GetString());
        Assert.False(parameters.TryGetProperty("incremental_output", out _));
    }

    [Fact]
    public async Task GetResponseAsync_ImageContent_UsesMultimodalEndpointWithPartArrays()
    {
        var (client, handler) = CreateSut(Fixture("native-multimodal-vl.json"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are a helpful assistant."),
            new(ChatRole.User, [
                new UriContent(new Uri("https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg"), "image/jpeg"),
                new TextContent("这个图片是哪里，请用简短的语言回答"),
            ]),
        ];

        var response = await client.GetResponseAsync(messages, new ChatOptions { ModelId = "qwen-vl-plus" });

        JsonAssert.Equal("""
            {
              "model": "qwen-vl-plus",
              "input": {"messages": [
                {"role":"system","content":[{"text":"You are a helpful assistant."}]},
                {"role":"user","content":[{"image":"https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg"},{"text":"这个图片是哪里，请用简短的语言回答"}]}
              ]},
              "parameters": {"result_format":"message"}
            }
            """, handler.LastBody);
        Assert.Equal("https://dashscope.test/api/v1/services/aigc/multimodal-generation/generation", handler.Requests[0].Request.RequestUri!.ToString());
        Assert.Equal("海滩。", response.Text);
        Assert.Equal(3613, response.Usage!.InputTokenCount);
        Assert.Equal(3, response.Usage.OutputTokenCount);
        Assert.Equal(3616, response.Usage.TotalTokenCount);
        Assert.Equal(3577, response.Usage.AdditionalCounts!["image_tokens"]);
    }

    [Fact]
    public async Task GetResponseAsync_MultimodalModelWithTextOnly_StillUsesMultimodalEndpoint()
    {
        var (client, handler) = CreateSut(Fixture("native-multimodal-vl.json"));
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "天气如何？"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_current_weather", new Dictionary<string, object?> { ["location"] = "上海市" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "上海-晴")]),
        ];

        await client.GetResponseAsync(messages, new ChatOptions { ModelId = "qwen3.6-plus" });

        JsonAssert.Equal("""
            [
              {"role":"user","content":[{"text":"天气如何？"}]},
              {"role":"assistant","content":[],"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_current_weather","arguments":"{\"location\":\"上海市\"}"}}]},
              {"role":"tool","content":[{"text":"上海-晴"}],"tool_call_id":"call_1"}
            ]
            """, JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("input").GetProperty("messages").GetRawText());
        Assert.EndsWith("/multimodal-generation/generation", handler.Requests[0].Request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "get_current_weather")]
    [InlineData("get_current_weather", "get_current_weather")]
    public async Task GetResponseAsync_RequiredToolMode_ForcesTheFunctionBecauseRequiredIsRejected(string? requiredName, string expected)
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("天气？", WeatherTools(requiredName is null ? ChatToolMode.RequireAny : ChatToolMode.RequireSpecific(requiredName)));

        var choice = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("parameters").GetProperty("tool_choice");
        Assert.Equal("function", choice.GetProperty("type").GetString());
        Assert.Equal(expected, choice.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningNone_DisablesThinkingAndPassThroughWins()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });
        Assert.False(JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("parameters").GetProperty("enable_thinking").GetBoolean());

        await client.GetResponseAsync("hi", new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None },
            AdditionalProperties = new() { ["enable_thinking"] = true },
        });
        var parameters = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("parameters");
        Assert.True(parameters.GetProperty("enable_thinking").GetBoolean());
        Assert.Single(parameters.EnumerateObject(), p => p.Name == "enable_thinking");
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchema_SendsJsonSchemaResponseFormat()
    {
        var (client, handler) = CreateSut();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"integer"}}}""").RootElement;

        await client.GetResponseAsync("1+1?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "sum") });

        JsonAssert.Equal(
            """{"type":"json_schema","json_schema":{"name":"sum","schema":{"type":"object","properties":{"answer":{"type":"integer"}}}}}""",
            JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("parameters").GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_PartialMessageProperty_IsSentOnTheMessage()
    {
        var (client, handler) = CreateSut();
        var prefix = new ChatMessage(ChatRole.Assistant, "def fib(n):") { AdditionalProperties = new() { ["partial"] = true } };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "写斐波那契"), prefix]);

        var sent = JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("input").GetProperty("messages")[1];
        Assert.True(sent.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public async Task GetResponseAsync_WorkspaceId_SendsWorkspaceHeader()
    {
        var (client, handler) = CreateSut(configure: o => o.WorkspaceId = "llm-ws-123");

        await client.GetResponseAsync("hi");

        Assert.Equal("llm-ws-123", handler.Requests[0].Request.Headers.GetValues("X-DashScope-WorkSpace").Single());
    }

    [Fact]
    public async Task GetResponseAsync_PlainReply_MapsTextUsageAndRequestId()
    {
        var (client, _) = CreateSut();

        var response = await client.GetResponseAsync("1+1=?");

        Assert.StartsWith("1+1 等于 2。", response.Text, StringComparison.Ordinal);
        Assert.Equal("e764bfe3-c0b7-97a0-ae57-cd99e1580960", response.ResponseId);
        Assert.Equal("e764bfe3-c0b7-97a0-ae57-cd99e1580960", response.AdditionalProperties!["request_id"]);
        Assert.Equal("qwen-plus", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(8, response.Usage!.InputTokenCount);
        Assert.Equal(39, response.Usage.OutputTokenCount);
        Assert.Equal(47, response.Usage.TotalTokenCount);
        Assert.Null(response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_TextResultFormat_ReadsOutputText()
    {
        var (client, _) = CreateSut(Fixture("native-chat-text-format.json"));

        var response = await client.GetResponseAsync("1+1=?");

        Assert.Equal("1+1等于2。这是最基本的数学加法运算之一。", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(16, response.Usage!.InputTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningReply_MapsReasoningAndItsTokens()
    {
        var (client, _) = CreateSut(Fixture("native-reasoning.json"));

        var response = await client.GetResponseAsync("请问 1+1 是多少？");

        var reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.StartsWith("我们被问到", reasoning.Text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(20, response.Usage!.ReasoningTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
        Assert.Equal(33, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallWithStopFinishReason_ReportsToolCalls()
    {
        var (client, _) = CreateSut(Fixture("native-tool-call.json"));

        var response = await client.GetResponseAsync("杭州天气？", WeatherTools());

        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("call_cec4c19d27624537b583af", call.CallId);
        Assert.Equal("浙江省杭州市", call.Arguments!["location"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningStream_SeparatesReasoningFromAnswerAndTakesLastUsage()
    {
        var (client, _) = CreateSut(Fixture("native-stream-reasoning.sse"), "text/event-stream");

        var updates = await client.GetStreamingResponseAsync("请问 1+1 是多少？").ToListAsync();

        var response = updates.ToChatResponse();
        Assert.Equal("嗯，用户问的是“1+1是多少", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("1+1 等于 **2**。这是数学中最基本的加法运算之一。\n\n如果你有其他关于数学、科学或任何领域的问题，欢迎继续提问！😊", response.Text);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(16, usage.InputTokenCount);
        Assert.Equal(53, usage.OutputTokenCount);
        Assert.Equal(10, usage.ReasoningTokenCount);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal("ab9f3446-9bbf-963e-9754-2d6543343d7e", response.ResponseId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ParallelToolCallFragments_JoinByIndexWithoutLosingIds()
    {
        var (client, _) = CreateSut(Fixture("native-stream-tool-calls.sse"), "text/event-stream");

        var updates = await client.GetStreamingResponseAsync("杭州和上海天气？", WeatherTools()).ToListAsync();

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("call_29a870e7106f45deb8add3", calls[0].CallId);
        Assert.Equal("get_current_weather", calls[0].Name);
        Assert.Equal("浙江省杭州市", calls[0].Arguments!["location"]?.ToString());
        Assert.Equal("call_026e44bb31a74266949a20", calls[1].CallId);
        Assert.Equal("上海市", calls[1].Arguments!["location"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Equal(37, Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details.OutputTokenCount);
    }

    [Theory]
    [InlineData("native-stream-error-400.sse", LlmErrorKind.InvalidRequest, "InvalidParameter", 400, "7671ecd8-93cc-9ee9-bc89-739f0fd8b809")]
    [InlineData("native-stream-error-429.sse", LlmErrorKind.RateLimited, "Throttling.AllocationQuota", 429, "70acdc21-a546-489a-b5d6-650df970a4ef")]
    public async Task GetStreamingResponseAsync_ErrorEventInsideOkStream_ThrowsMappedError(
        string fixture, LlmErrorKind kind, string code, int status, string requestId)
    {
        var (client, _) = CreateSut(Fixture(fixture), "text/event-stream");

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync("hi").ToListAsync());

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(requestId, ex.RequestId);
        Assert.Equal("qwen", ex.Provider);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderEndpointAndDefaultModel()
    {
        using var client = new QwenChatClient(new QwenOptions { ApiKey = "sk", Region = QwenRegion.Singapore });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal("qwen", metadata.ProviderName);
        Assert.Equal(new Uri("https://dashscope-intl.aliyuncs.com/api/v1"), metadata.ProviderUri);
        Assert.Equal("qwen-plus", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<QwenChatClient>());
    }

    [Theory]
    [InlineData(QwenRegion.Beijing, "https://dashscope.aliyuncs.com/compatible-mode/v1")]
    [InlineData(QwenRegion.Singapore, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1")]
    [InlineData(QwenRegion.Virginia, "https://dashscope-us.aliyuncs.com/compatible-mode/v1")]
    [InlineData(QwenRegion.HongKong, "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1")]
    public void Constructor_CompatibleProtocol_UsesTheRegionsCompatibleDomain(QwenRegion region, string expected)
    {
        using var client = new QwenChatClient(new QwenOptions { ApiKey = "sk", Protocol = QwenProtocol.OpenAiCompatible, Region = region });

        Assert.Equal(new Uri(expected), client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QwenChatClient(new QwenOptions { ApiKey = "sk", Protocol = (QwenProtocol)7 }));

        Assert.Contains("QwenOptions:Protocol", ex.Message, StringComparison.Ordinal);
    }
}
