using System.Net;
using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>The OpenAI-compatible mode: DashScope's extra top-level fields and its quirks on the shared engine.</summary>
public sealed class QwenCompatibleDialectTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "qwen", file));

    private static (QwenChatClient Client, RecordingHttpHandler Handler) CreateSut(string? body = null, string contentType = "application/json")
    {
        var handler = new RecordingHttpHandler(body ?? Fixture("compat-chat.json"), HttpStatusCode.OK, contentType);
        var options = new QwenOptions
        {
            ApiKey = "sk-qwen",
            Protocol = QwenProtocol.OpenAiCompatible,
            Endpoint = new Uri("https://dashscope.test/compatible-mode/v1"),
        };
        return (new QwenChatClient(options, new HttpClient(handler)), handler);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ThinkingAndExtras_SendsExactCompatibleJson()
    {
        var (client, handler) = CreateSut(Fixture("compat-stream-reasoning.sse"), "text/event-stream");
        var options = new ChatOptions
        {
            ModelId = "qwen3-max",
            MaxOutputTokens = 2048,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium },
            Tools = [AIFunctionFactory.CreateDeclaration("get_current_weather", null, JsonDocument.Parse("""{"type":"object"}""").RootElement)],
            ToolMode = ChatToolMode.RequireAny,
            AllowMultipleToolCalls = true,
            AdditionalProperties = new() { ["thinking_budget"] = 1024, ["top_k"] = 20, ["enable_search"] = true, ["unknown"] = "x" },
        };

        await client.GetStreamingResponseAsync("1+1?", options).ToListAsync();

        JsonAssert.Equal("""
            {
              "model": "qwen3-max",
              "messages": [{"role":"user","content":"1+1?"}],
              "stream": true,
              "stream_options": {"include_usage": true},
              "max_tokens": 2048,
              "tools": [{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}],
              "tool_choice": {"type":"function","function":{"name":"get_current_weather"}},
              "parallel_tool_calls": true,
              "enable_thinking": true,
              "thinking_budget": 1024,
              "top_k": 20,
              "enable_search": true
            }
            """, handler.LastBody);
        Assert.Equal("https://dashscope.test/compatible-mode/v1/chat/completions", handler.Requests[0].Request.RequestUri!.ToString());
        Assert.Equal("Bearer sk-qwen", handler.Requests[0].Request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task GetResponseAsync_EnableThinkingPassThrough_ReplacesTheMappedSwitch()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
            AdditionalProperties = new() { ["enable_thinking"] = false },
        });

        var root = JsonDocument.Parse(handler.LastBody).RootElement;
        Assert.False(root.GetProperty("enable_thinking").GetBoolean());
        Assert.Single(root.EnumerateObject(), p => p.Name == "enable_thinking");
    }

    [Fact]
    public async Task GetResponseAsync_CompatibleReply_MapsCachedTokens()
    {
        var (client, _) = CreateSut();

        var response = await client.GetResponseAsync("你是谁？");

        Assert.Equal("我是阿里云开发的一款超大规模语言模型，我叫通义千问。", response.Text);
        Assert.Equal("chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a", response.ResponseId);
        Assert.Equal(3019, response.Usage!.InputTokenCount);
        Assert.Equal(2048, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningStream_NullContentIsNotText()
    {
        var (client, _) = CreateSut(Fixture("compat-stream-reasoning.sse"), "text/event-stream");

        var updates = await client.GetStreamingResponseAsync("big number?").ToListAsync();

        Assert.Equal("The user is asking for", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("a very large number, with a total of 43 digits.", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NativeErrorFrameOnCompatibleStream_IsMappedNotIgnored()
    {
        var (client, _) = CreateSut(Fixture("native-stream-error-429.sse"), "text/event-stream");

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync("hi").ToListAsync());

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("Throttling.AllocationQuota", ex.ErrorCode);
        Assert.Equal("70acdc21-a546-489a-b5d6-650df970a4ef", ex.RequestId);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OpenAiErrorChunkAfterContent_IsContentFiltered()
    {
        const string transcript = """
            data: {"choices":[{"delta":{"content":"好的，","role":"assistant"},"finish_reason":null,"index":0}],"object":"chat.completion.chunk","model":"qwen-plus","id":"chatcmpl-1"}

            data: {"error":{"code":"data_inspection_failed","param":null,"message":"Output data may contain inappropriate content.","type":"data_inspection_failed"},"request_id":"rid-9"}


            """;
        var (client, _) = CreateSut(transcript, "text/event-stream");
        var seen = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi"))
            {
                seen.Add(update);
            }
        });

        Assert.Equal("好的，", Assert.Single(seen).Text);
        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("data_inspection_failed", ex.ErrorCode);
    }
}
