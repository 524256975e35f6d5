using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Samples.WebApi;

/// <summary>
/// The sample driven by the official OpenAI .NET SDK through <see cref="GatewayFactory"/>, with DeepSeek and Kimi served
/// by WireMock.Net from the vendors' own fixtures.
/// </summary>
public sealed class ChatCompletionsEndpointTests : IDisposable
{
    // Sunday 03:00 in Beijing: DeepSeek's off-peak prices.
    private static readonly DateTimeOffset s_offPeak = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    private const string DeepSeekPlainText = "```c\n#include <stdio.h>\n\nint main() {\n    int a, b;\n    scanf(\"%d%d\", &a, &b);\n    printf(\"%d\\n\", a + b);\n    return 0;\n}\n```\n\n程序功能：输入两个整数，输出它们的和。";

    private readonly WireMockServer _deepSeek = WireMockServer.Start();
    private readonly WireMockServer _kimi = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(s_offPeak);

    [Fact]
    public async Task CompleteChat_OpenAiSdk_GetsTheRoutedDeepSeekAnswerWithUsage()
    {
        Serve(_deepSeek, "deepseek", "chat-plain.json", "x-ds-trace-id");
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);

        ClientResult<ChatCompletion> result = await app.Chat("auto").CompleteChatAsync([new UserChatMessage("写一个加法程序")]);

        var completion = result.Value;
        Assert.Equal(DeepSeekPlainText, Assert.Single(completion.Content).Text);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("73d174f2-b88f-41f4-878f-7084fcccc19e", completion.Id);
        Assert.Equal("deepseek-chat", completion.Model);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(324, completion.Usage.InputTokenCount);
        Assert.Equal(58, completion.Usage.OutputTokenCount);
        Assert.Equal(382, completion.Usage.TotalTokenCount);
        Assert.Equal(192, completion.Usage.InputTokenDetails.CachedTokenCount);

        // The extension OpenAI clients ignore: who answered and what it cost (deepseek-flash off-peak, CNY).
        using var raw = JsonDocument.Parse(result.GetRawResponse().Content);
        var info = raw.RootElement.GetProperty("chinesellm");
        Assert.Equal("deepseek", info.GetProperty("provider").GetString());
        Assert.Equal(0.00036784m, info.GetProperty("cost").GetDecimal());
        Assert.Equal("CNY", info.GetProperty("currency").GetString());
        Assert.Contains("deepseek/deepseek-flash", info.GetProperty("routing").GetString(), StringComparison.Ordinal);

        // What the provider received: the router's choice (the cheapest Standard-or-better model) and the message.
        var sent = SentBody(_deepSeek);
        Assert.Equal("deepseek-flash", (string?)sent["model"]);
        Assert.Equal("写一个加法程序", (string?)sent["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task CompleteChatStreaming_PinnedKimiModel_StreamsTextAndUsage()
    {
        Serve(_deepSeek, "deepseek", "chat-plain.json", "x-ds-trace-id");
        Serve(_kimi, "kimi", "stream-include-usage.sse", "msh-request-id");
        using var app = new GatewayFactory(_deepSeek, _kimi, _time);

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        string? model = null;
        await foreach (var update in app.Chat("kimi-k2.6").CompleteChatStreamingAsync([new UserChatMessage("你好")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
            model = update.Model ?? model;
        }

        Assert.Equal("你好！有什么可以帮你？", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal("kimi-k2.6", model);
        Assert.NotNull(usage);
        Assert.Equal(19, usage.InputTokenCount);
        Assert.Equal(13, usage.OutputTokenCount);
        Assert.Equal(12, usage.InputTokenDetails.CachedTokenCount);
        var sent = SentBody(_kimi);
        Assert.Equal("kimi-k2.6", (string?)sent["model"]);
        Assert.True((bool?)sent["stream"]);
        Assert.Empty(_deepSeek.LogEntries);
    }

    [Fact]
    public async Task Streaming_RawSse_SendsChunksThenTheCostThenDone()
    {
        Serve(_kimi, "kimi", "stream-include-usage.sse", "msh-request-id");
        using var app = new GatewayFactory(deepSeek: null, _kimi, _time);
        using var http = app.CreateClient();

        using var response = await http.PostAsync(
            "/v1/chat/completions",
            new StringContent("""{"model":"auto","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"你好"}]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        Assert.Equal("你好！有什么可以帮你？", string.Concat(chunks.Select(c => (string?)c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"])));
        var closing = chunks[^1];
        Assert.Empty(closing["choices"]!.AsArray());
        Assert.Equal(32, (int?)closing["usage"]!["total_tokens"]);
        Assert.Equal("kimi", (string?)closing["chinesellm"]!["provider"]);

        // The default tier (Standard) among Kimi's rows: kimi-k2.6 (Standard) and kimi-k2.7-code (Advanced) list the same
        // input and output prices, and at an equal estimate the higher tier wins. Billed: 7 uncached input × 6.5 + 12
        // cached × 1.3 + 13 output × 27, per million tokens.
        Assert.Equal("kimi-k2.7-code", (string?)SentBody(_kimi)["model"]);
        Assert.Equal(0.0004121m, (decimal?)closing["chinesellm"]!["cost"]);
    }

    [Fact]
    public async Task CompleteChat_TierExtension_RoutesToTheCheapestModelOfThatTier()
    {
        Serve(_deepSeek, "deepseek", "chat-plain.json", "x-ds-trace-id");
        Serve(_kimi, "kimi", "chat-plain.json", "msh-request-id");
        using var app = new GatewayFactory(_deepSeek, _kimi, _time);
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch: how the OpenAI SDK sends fields it does not model.
        options.Patch.Set("$.tier"u8, "flagship");
#pragma warning restore SCME0001

        ChatCompletion completion = await app.Chat("auto").CompleteChatAsync([new UserChatMessage("证明费马小定理")], options);

        // DeepSeek's models are cheaper but none is Flagship on the tier rule's evidence (docs/catalog.md): Kimi K3 answers.
        Assert.Equal(" 你好，李雷！1+1等于2。如果你有其他问题，请随时提问！", completion.Content[0].Text);
        Assert.Equal("kimi-k3", (string?)SentBody(_kimi)["model"]);
        Assert.Empty(_deepSeek.LogEntries);
    }

    [Fact]
    public async Task CompleteChat_WithTools_ReturnsTheToolCallAndSendsTheDeclarations()
    {
        Serve(_deepSeek, "deepseek", "chat-tool-call.json", "x-ds-trace-id");
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool(
                    "weather",
                    "Get the weather of a city",
                    BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""")),
            },
        };

        ChatCompletion completion = await app.Chat("auto").CompleteChatAsync([new UserChatMessage("旧金山天气怎么样？")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("call_00_IhCAliIHtM9gKpgfqbBV9873", call.Id);
        Assert.Equal("weather", call.FunctionName);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal("San Francisco", arguments.RootElement.GetProperty("location").GetString());
        var tool = SentBody(_deepSeek)["tools"]![0]!;
        Assert.Equal("weather", (string?)tool["function"]!["name"]);
        Assert.Equal("string", (string?)tool["function"]!["parameters"]!["properties"]!["location"]!["type"]);
    }

    [Fact]
    public async Task CompleteChat_UnknownTier_IsRejectedWithAnOpenAiError()
    {
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001
        options.Patch.Set("$.tier"u8, "ultra");
#pragma warning restore SCME0001

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => app.Chat("auto").CompleteChatAsync([new UserChatMessage("你好")], options));

        Assert.Equal(400, ex.Status);
        var error = ErrorOf(ex);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("tier", error.GetProperty("param").GetString());
        Assert.Contains("ultra", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_deepSeek.LogEntries);
    }

    [Fact]
    public async Task CompleteChat_ProviderOutOfBalance_Returns429InsufficientQuota()
    {
        Serve(_deepSeek, "deepseek", "error-402-insufficient-balance.json", "x-ds-trace-id", statusCode: 402);
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => app.Chat("auto").CompleteChatAsync([new UserChatMessage("你好")]));

        Assert.Equal(429, ex.Status);
        var error = ErrorOf(ex);
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.Equal("deepseek", error.GetProperty("provider").GetString());
        Assert.Equal("req-gateway-1", error.GetProperty("request_id").GetString());
        Assert.Contains("Insufficient Balance", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayFactory.ProviderApiKey, ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_ProviderRejectsTheGatewaysKey_Returns502BeforeAnyChunk()
    {
        Serve(_deepSeek, "deepseek", "error-401-authentication-fails.json", "x-ds-trace-id", statusCode: 401);
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);

        var ex = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in app.Chat("auto").CompleteChatStreamingAsync([new UserChatMessage("你好")]))
            {
                Assert.Fail("no chunk may arrive before the failure");
            }
        });

        Assert.Equal(502, ex.Status);
        var error = ErrorOf(ex);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("upstream_authentication_failed", error.GetProperty("code").GetString());
        Assert.DoesNotContain(GatewayFactory.ProviderApiKey, ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyIsNotJson_Returns400InvalidRequest()
    {
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/v1/chat/completions", new StringContent("{\"messages\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_NoMessages_Returns400NamingTheField()
    {
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/v1/chat/completions", new StringContent("""{"model":"auto","messages":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("messages", body.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    public void Dispose()
    {
        _deepSeek.Dispose();
        _kimi.Dispose();
    }

    private static void Serve(WireMockServer server, string provider, string file, string requestIdHeader, int statusCode = 200) =>
        server.Given(Request.Create().UsingPost().WithPath("/chat/completions")).RespondWith(Response.Create()
            .WithStatusCode(statusCode)
            .WithHeader("Content-Type", file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json")
            .WithHeader(requestIdHeader, "req-gateway-1")
            .WithBody(Payload.Read(provider, file)));

    private static JsonNode SentBody(WireMockServer server) => JsonNode.Parse(Assert.Single(server.LogEntries).RequestMessage.Body!)!;

    private static JsonElement ErrorOf(ClientResultException exception)
    {
        using var document = JsonDocument.Parse(exception.GetRawResponse()!.Content);
        return document.RootElement.GetProperty("error").Clone();
    }
}
