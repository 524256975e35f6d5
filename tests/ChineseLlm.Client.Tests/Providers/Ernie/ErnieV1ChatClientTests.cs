using System.Net;
using System.Text;
using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>The legacy v1 protocol (ApiKey + SecretKey): token flow, exact request JSON, URLs and response mapping.</summary>
public sealed class ErnieV1ProtocolTests
{
    private const string AccessToken = "24.6c5e1ff107f0e8bcef8c46d3424a0e78.2592000.1485516651.282335-8574074";

    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "ernie", file));

    /// <summary>Answers the token request with the token fixture and chat requests with <paramref name="chat"/>.</summary>
    private static (ErnieChatClient Client, RecordingHttpHandler Handler) CreateSut(string? chat = null, string contentType = "application/json")
    {
        var chatBody = chat ?? Fixture("v1-chat.json");
        var handler = new RecordingHttpHandler(request => request.RequestUri!.AbsolutePath.EndsWith("/oauth/2.0/token", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Fixture("v1-oauth-token.json"), Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(chatBody, Encoding.UTF8, contentType) });
        var options = new ErnieOptions { ApiKey = "legacy-api-key", SecretKey = "legacy-secret-key", Endpoint = new Uri("https://aip.test") };
        return (new ErnieChatClient(options, new HttpClient(handler)), handler);
    }

    private static string ChatBody(RecordingHttpHandler handler) => handler.Requests.Last(r => r.Request.RequestUri!.AbsolutePath.Contains("/chat/", StringComparison.Ordinal)).Body;

    [Fact]
    public async Task GetResponseAsync_FirstCall_FetchesTokenWithClientCredentialsThenSendsItInTheQuery()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("你好");

        Assert.Equal(2, handler.Requests.Count);
        var token = handler.Requests[0].Request;
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("https://aip.test/oauth/2.0/token?grant_type=client_credentials&client_id=legacy-api-key&client_secret=legacy-secret-key", token.RequestUri!.ToString());
        Assert.False(token.Headers.Contains("Authorization"));
        var chat = handler.Requests[1].Request;
        Assert.Equal($"https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-x1-turbo-32k?access_token={AccessToken}", chat.RequestUri!.ToString());
        Assert.False(chat.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_SecondCall_ReusesTheCachedToken()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("一");
        await client.GetResponseAsync("二");

        Assert.Single(handler.Requests, r => r.Request.RequestUri!.AbsolutePath.EndsWith("/oauth/2.0/token", StringComparison.Ordinal));
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_FullConversation_SendsExactV1Json()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "你是天气助手。"),
            new(ChatRole.User, "你好"),
            new(ChatRole.User, "北京天气怎么样？"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("需要查天气"),
                new FunctionCallContent("as-cxu3bnkxdh", "get_current_weather", new Dictionary<string, object?> { ["location"] = "北京市" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("as-cxu3bnkxdh", "晴，25℃")]),
        ];
        var options = new ChatOptions
        {
            ModelId = "ERNIE-3.5-8K",
            Instructions = "回答要简短。",
            Temperature = 0f,
            TopP = 0.8f,
            MaxOutputTokens = 1024,
            StopSequences = ["。"],
            ResponseFormat = ChatResponseFormat.Json,
            Tools = [AIFunctionFactory.CreateDeclaration("get_current_weather", "查询天气",
                JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}}}""").RootElement)],
            AdditionalProperties = new() { ["penalty_score"] = 1.2, ["user_id"] = "u-1", ["seed_like"] = 3 },
        };

        await client.GetResponseAsync(messages, options);

        JsonAssert.Equal("""
            {
              "messages": [
                {"role":"user","content":"你好\n北京天气怎么样？"},
                {"role":"assistant","content":"","function_call":{"name":"get_current_weather","arguments":"{\"location\":\"北京市\"}"}},
                {"role":"function","content":"晴，25℃","name":"get_current_weather"}
              ],
              "system": "回答要简短。\n你是天气助手。",
              "temperature": 0.01,
              "top_p": 0.8,
              "stop": ["。"],
              "max_output_tokens": 1024,
              "response_format": "json_object",
              "functions": [{"name":"get_current_weather","description":"查询天气","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}],
              "penalty_score": 1.2,
              "user_id": "u-1"
            }
            """, ChatBody(handler));
        Assert.EndsWith("/chat/completions", handler.Requests[^1].Request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f, 0.01f)]
    [InlineData(-1f, 0.01f)]
    [InlineData(1.5f, 1f)]
    [InlineData(0.3f, 0.3f)]
    public async Task GetResponseAsync_TemperatureOutsideZeroToOne_IsClampedIntoTheRange(float requested, float sent)
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { Temperature = requested });

        Assert.Equal(sent, JsonDocument.Parse(ChatBody(handler)).RootElement.GetProperty("temperature").GetSingle());
    }

    [Fact]
    public async Task GetResponseAsync_ToolModeNone_SendsNoFunctions()
    {
        var (client, handler) = CreateSut();
        var tools = new List<AITool> { AIFunctionFactory.CreateDeclaration("f", null, JsonDocument.Parse("{}").RootElement) };

        await client.GetResponseAsync("hi", new ChatOptions { Tools = tools, ToolMode = ChatToolMode.Auto });
        Assert.True(JsonDocument.Parse(ChatBody(handler)).RootElement.TryGetProperty("functions", out _));

        await client.GetResponseAsync("hi", new ChatOptions { Tools = tools, ToolMode = ChatToolMode.None });
        Assert.False(JsonDocument.Parse(ChatBody(handler)).RootElement.TryGetProperty("functions", out _));
    }

    [Theory]
    [InlineData("ERNIE-4.0-8K", "completions_pro")]
    [InlineData("ernie-3.5-8k", "completions")]
    [InlineData("ERNIE-Speed-8K", "ernie_speed")]
    [InlineData("ERNIE-Lite-8K-0922", "eb-instant")]
    [InlineData("ERNIE-Function-8K", "ernie-func-8k")]
    [InlineData("ERNIE-4.0-Turbo-8K", "ernie-4.0-turbo-8k")]
    [InlineData("ernie-speed-128k", "ernie-speed-128k")]
    public async Task GetResponseAsync_Model_SelectsTheV1EndpointName(string model, string endpoint)
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { ModelId = model });

        Assert.Equal("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/" + endpoint, handler.Requests[^1].Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task GetResponseAsync_AssistantTextWithAFunctionCall_IsOneAssistantTurn()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "北京天气？"),
            new(ChatRole.Assistant, [new TextContent("我查一下。"), new FunctionCallContent("as-1", "get_current_weather", new Dictionary<string, object?> { ["location"] = "北京市" })]),
            new(ChatRole.Tool, [new FunctionResultContent("as-1", "晴")]),
        ];

        await client.GetResponseAsync(messages);

        JsonAssert.Equal("""
            [
              {"role":"user","content":"北京天气？"},
              {"role":"assistant","content":"我查一下。","function_call":{"name":"get_current_weather","arguments":"{\"location\":\"北京市\"}"}},
              {"role":"function","content":"晴","name":"get_current_weather"}
            ]
            """, JsonDocument.Parse(ChatBody(handler)).RootElement.GetProperty("messages").GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_Image_IsRejectedBeforeSending()
    {
        var (client, handler) = CreateSut();
        ChatMessage message = new(ChatRole.User, [new UriContent(new Uri("https://img.test/a.png"), "image/png")]);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync([message]));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_PlainReply_MapsResultUsageAndId()
    {
        var (client, _) = CreateSut();

        var response = await client.GetResponseAsync("你好");

        Assert.StartsWith("你好！请问有什么我可以帮助你的吗？", response.Text, StringComparison.Ordinal);
        Assert.Equal("as-hfmv5mvdim", response.ResponseId);
        Assert.Equal("as-hfmv5mvdim", response.AdditionalProperties!["request_id"]);
        Assert.Equal("ernie-x1-turbo-32k", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(1, response.Usage!.InputTokenCount);
        Assert.Equal(34, response.Usage.OutputTokenCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1709779789), response.CreatedAt);
    }

    [Fact]
    public async Task GetResponseAsync_UnsafeInput_IsContentFiltered()
    {
        var (client, _) = CreateSut(Fixture("v1-content-filter.json"));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("…"));

        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("as-9w2e7r5t1y", ex.RequestId);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetResponseAsync_FunctionCall_MapsCallWithThoughtsAsReasoning()
    {
        var (client, _) = CreateSut(Fixture("v1-function-call.json"));

        var response = await client.GetResponseAsync("上海天气？");

        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("as-f1nc7ca11x", call.CallId);
        Assert.Equal("get_current_weather", call.Name);
        Assert.Equal("上海市", call.Arguments!["location"]?.ToString());
        Assert.Equal("用户想知道上海的天气，需要调用天气函数", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_V1Stream_JoinsResultsAndTakesUsageFromIsEnd()
    {
        var (client, handler) = CreateSut(Fixture("v1-stream.sse"), "text/event-stream");

        var updates = await client.GetStreamingResponseAsync("你好").ToListAsync();

        Assert.Equal("你好，我是一个虚拟语言模型，旨在通过机器学习和自然语言处理技术来回答用户的问题和提供相关信息。如果你有任何问题或需要帮助，请随时向我提问。", string.Concat(updates.Select(u => u.Text)));
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(2, usage.InputTokenCount);
        Assert.Equal(36, usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal("as-414fqwb8p3", updates[^1].ResponseId);
        Assert.True(JsonDocument.Parse(ChatBody(handler)).RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_JsonErrorToAStreamRequest_IsMapped()
    {
        var (client, _) = CreateSut(Fixture("v1-error-336501-rpm-limit.json"));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync("hi").ToListAsync());

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("336501", ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public void GetService_Metadata_NamesTheLegacyHostAndDefaultModel()
    {
        using var client = new ErnieChatClient(new ErnieOptions { ApiKey = "ak", SecretKey = "sk" });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal("ernie", metadata.ProviderName);
        Assert.Equal(new Uri("https://aip.baidubce.com"), metadata.ProviderUri);
        Assert.Equal("ernie-x1-turbo-32k", metadata.DefaultModelId);
        Assert.NotNull(client.GetService<ErnieV1Protocol>());
    }
}
