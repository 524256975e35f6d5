using System.Net;
using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>Qianfan v2 (ApiKey only): exact request JSON, headers and the error code table.</summary>
public sealed class ErnieDialectTests
{
    private const string V2Key = "bce-v3/ALTAK-1a2b3c4d5e/0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";

    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "ernie", file));

    private static (ErnieChatClient Client, RecordingHttpHandler Handler) CreateSut(string? body = null, string contentType = "application/json", string? appId = null)
    {
        var handler = new RecordingHttpHandler(body ?? Fixture("v2-chat.json"), HttpStatusCode.OK, contentType);
        var options = new ErnieOptions { ApiKey = V2Key, AppId = appId, Endpoint = new Uri("https://qianfan.test/v2") };
        return (new ErnieChatClient(options, new HttpClient(handler)), handler);
    }

    [Fact]
    public async Task GetResponseAsync_FullRequest_SendsExactV2JsonWithVerbatimKeyAndAppId()
    {
        var (client, handler) = CreateSut(appId: "app-7788");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "你是天气助手。"),
            new(ChatRole.User, "上海天气？"),
            new(ChatRole.Assistant, [new FunctionCallContent("04fed17840d34b1e99bf3cd6dc94150d", "get_current_weather", new Dictionary<string, object?> { ["location"] = "上海市" })]),
            new(ChatRole.Tool, [new FunctionResultContent("04fed17840d34b1e99bf3cd6dc94150d", "晴，25℃")]),
        ];
        var options = new ChatOptions
        {
            ModelId = "ernie-x1-turbo-32k",
            Temperature = 0.7f,
            MaxOutputTokens = 512,
            ToolMode = ChatToolMode.RequireAny,
            AllowMultipleToolCalls = false,
            Tools = [AIFunctionFactory.CreateDeclaration("get_current_weather", "查询天气",
                JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}}}""").RootElement)],
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
            AdditionalProperties = new() { ["web_search"] = JsonDocument.Parse("""{"enable":true}""").RootElement, ["not_qianfan"] = 1 },
        };

        await client.GetResponseAsync(messages, options);

        JsonAssert.Equal("""
            {
              "model": "ernie-x1-turbo-32k",
              "messages": [
                {"role":"system","content":"你是天气助手。"},
                {"role":"user","content":"上海天气？"},
                {"role":"assistant","content":null,"tool_calls":[{"id":"04fed17840d34b1e99bf3cd6dc94150d","type":"function","function":{"name":"get_current_weather","arguments":"{\"location\":\"上海市\"}"}}]},
                {"role":"tool","tool_call_id":"04fed17840d34b1e99bf3cd6dc94150d","content":"晴，25℃"}
              ],
              "temperature": 0.7,
              "max_tokens": 512,
              "tools": [{"type":"function","function":{"name":"get_current_weather","description":"查询天气","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}],
              "tool_choice": "required",
              "parallel_tool_calls": false,
              "enable_thinking": true,
              "reasoning_effort": "high",
              "web_search": {"enable": true}
            }
            """, handler.LastBody);
        var request = handler.Requests[0].Request;
        Assert.Equal("https://qianfan.test/v2/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer " + V2Key, request.Headers.GetValues("Authorization").Single());
        Assert.Equal("app-7788", request.Headers.GetValues("appid").Single());
    }

    [Fact]
    public async Task GetResponseAsync_NoAppId_SendsNoAppIdHeader()
    {
        var (client, handler) = CreateSut();

        var response = await client.GetResponseAsync("你好");

        Assert.False(handler.Requests[0].Request.Headers.Contains("appid"));
        Assert.Equal("你好！很高兴和你交流。请问有什么我可以帮助你的吗？", response.Text);
        Assert.Equal("as-qsp8w7ppnv", response.ResponseId);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningNone_DisablesThinkingWithoutEffort()
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });

        var root = JsonDocument.Parse(handler.LastBody).RootElement;
        Assert.False(root.GetProperty("enable_thinking").GetBoolean());
        Assert.False(root.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningStream_SeparatesReasoningAndUsage()
    {
        var (client, handler) = CreateSut(Fixture("v2-stream-reasoning.sse"), "text/event-stream");

        var updates = await client.GetStreamingResponseAsync("1+1?").ToListAsync();

        var response = updates.ToChatResponse();
        Assert.Equal("1+1=2。", response.Text);
        Assert.Equal("用户问1+1等于几，这是基础算术，答案是2。", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(27, response.Usage!.OutputTokenCount);
        Assert.True(JsonDocument.Parse(handler.LastBody).RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData(400, "malformed_json", "invalid_request_error", "Invalid Argument", LlmErrorKind.InvalidRequest)]
    [InlineData(400, "invalid_model", "invalid_request_error", "model is empty", LlmErrorKind.InvalidRequest)]
    [InlineData(400, "invalid_messages", "invalid_request_error", "x", LlmErrorKind.InvalidRequest)]
    [InlineData(400, "characters_too_long", "invalid_request_error", "the max input characters is 20000", LlmErrorKind.ContextLengthExceeded)]
    [InlineData(400, "tokens_too_long", "invalid_request_error", "Prompt tokens too long", LlmErrorKind.ContextLengthExceeded)]
    [InlineData(400, "image_url_unsafe", "unsafe_request", "the content of image_url.url field is unsafe", LlmErrorKind.ContentFiltered)]
    [InlineData(401, "invalid_iam_token", "invalid_request_error", "IAM Certification failed", LlmErrorKind.Authentication)]
    [InlineData(401, "invalid_appid", "invalid_request_error", "No permission to use the appid", LlmErrorKind.PermissionDenied)]
    [InlineData(401, "invalid_model", "invalid_request_error", "The model does not exist or you do not have access to it.", LlmErrorKind.ModelNotFound)]
    [InlineData(401, "no_parameter_permission", "access_denied", "x", LlmErrorKind.PermissionDenied)]
    [InlineData(403, "system_unsafe", "unsafe_request", "the content of system field is invalid", LlmErrorKind.ContentFiltered)]
    [InlineData(403, "user_setting_unsafe", "unsafe_request", "x", LlmErrorKind.ContentFiltered)]
    [InlineData(403, "functions_unsafe", "unsafe_request", "x", LlmErrorKind.ContentFiltered)]
    [InlineData(403, "account_overdue", "access_denied", "Access denied due to overdue account", LlmErrorKind.QuotaExceeded)]
    [InlineData(403, "model_offline", "access_denied", "The model is offline", LlmErrorKind.ModelNotFound)]
    [InlineData(405, "method_not_supported", "invalid_request_error", "Only POST requests are accepted", LlmErrorKind.InvalidRequest)]
    [InlineData(429, "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM", LlmErrorKind.RateLimited)]
    [InlineData(429, "input_tpm_rate_limit_exceeded", "rate_limit_exceeded", "x", LlmErrorKind.RateLimited)]
    [InlineData(429, "cluster_rpm_rate_limit_exceeded", "rate_limit_exceeded", "x", LlmErrorKind.RateLimited)]
    [InlineData(429, "Offline_batch_reasoning_refused", "rate_limit_exceeded", "x", LlmErrorKind.RateLimited)]
    [InlineData(500, "internal_error", "Internal_error", "Internal error", LlmErrorKind.ServerError)]
    [InlineData(500, "dispatch_internal_error", "Internal_error", "x", LlmErrorKind.ServerError)]
    public void MapError_V2ErrorTable_ClassifiesByCode(int status, string code, string type, string message, LlmErrorKind expected)
    {
        var body = $$"""{"error":{"code":"{{code}}","message":"{{message}}","type":"{{type}}"},"id":"as-abc"}""";

        var ex = ErnieDialect.Instance.MapError(new ProviderErrorResponse(status, body, RequestId: null, RetryAfter: null));

        Assert.Equal(expected, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("as-abc", ex.RequestId);
        Assert.Equal("ernie", ex.Provider);
    }
}
