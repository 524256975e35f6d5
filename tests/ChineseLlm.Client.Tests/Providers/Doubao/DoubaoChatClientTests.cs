using System.Text.Json;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Doubao;

public sealed class DoubaoChatClientTests
{
    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "doubao", file));

    private static (DoubaoChatClient Client, RecordingHttpHandler Handler) CreateSut(string? defaultModel = null)
    {
        var handler = new RecordingHttpHandler(Fixture("chat-plain.json"));
        var client = new DoubaoChatClient(
            new DoubaoOptions { ApiKey = "ark-test", Endpoint = new Uri("https://ark.test/api/v3"), DefaultModel = defaultModel },
            new HttpClient(handler));
        return (client, handler);
    }

    [Fact]
    public async Task GetResponseAsync_FullConversation_SendsExactArkJson()
    {
        var (client, handler) = CreateSut();
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "你是豆包。"),
            new(ChatRole.User, "北京天气？"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("要查天气。"),
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "北京" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "晴")]),
        ];
        var options = new ChatOptions
        {
            ModelId = "doubao-seed-1-6-250615",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 1024,
            StopSequences = ["END"],
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
            ToolMode = ChatToolMode.Auto,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "城市天气。",
                JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement)],
            AdditionalProperties = new() { ["service_tier"] = "auto", ["enable_enhancement"] = true },
        };

        await client.GetResponseAsync(messages, options);

        // Reasoning is not sent back (the Ark SDK's assistant message has no reasoning_content);
        // enable_enhancement is a Hunyuan field, not Ark's, so it is dropped.
        JsonAssert.Equal("""
            {
              "model": "doubao-seed-1-6-250615",
              "messages": [
                {"role":"system","content":"你是豆包。"},
                {"role":"user","content":"北京天气？"},
                {"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]},
                {"role":"tool","tool_call_id":"call_1","content":"晴"}
              ],
              "temperature": 0.5,
              "top_p": 0.9,
              "max_tokens": 1024,
              "stop": ["END"],
              "tools": [{"type":"function","function":{"name":"get_weather","description":"城市天气。",
                         "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
              "tool_choice": "auto",
              "thinking": {"type":"enabled"},
              "service_tier": "auto"
            }
            """, handler.LastBody);
        var request = handler.Requests[0].Request;
        Assert.Equal("https://ark.test/api/v3/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer ark-test", request.Headers.GetValues("Authorization").Single());
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "disabled")]
    [InlineData(ReasoningEffort.Low, "enabled")]
    [InlineData(ReasoningEffort.ExtraHigh, "enabled")]
    public async Task GetResponseAsync_ReasoningEffort_MapsToThinkingType(ReasoningEffort effort, string expected)
    {
        var (client, handler) = CreateSut();

        await client.GetResponseAsync("hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

        using var body = JsonDocument.Parse(handler.LastBody);
        Assert.Equal(expected, body.RootElement.GetProperty("thinking").GetProperty("type").GetString());
        Assert.False(body.RootElement.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingObjectInAdditionalProperties_WinsOverEffort()
    {
        var (client, handler) = CreateSut();
        var options = new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None },
            AdditionalProperties = new() { ["thinking"] = JsonDocument.Parse("""{"type":"AUTO"}""").RootElement },
        };

        await client.GetResponseAsync("hi", options);

        JsonAssert.Equal("""{"model":"doubao-seed-2-0-lite-260428","messages":[{"role":"user","content":"hi"}],"thinking":{"type":"auto"}}""", handler.LastBody);
    }

    [Fact]
    public async Task GetResponseAsync_UnknownThinkingValue_IsInvalidRequestBeforeSending()
    {
        var (client, handler) = CreateSut();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() =>
            client.GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { ["thinking"] = "sometimes" } }));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("doubao", ex.Provider);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_DefaultModelOption_IsSentWhenTheCallNamesNone()
    {
        var (client, handler) = CreateSut(defaultModel: "ep-20250504112638-zjqvx");

        await client.GetResponseAsync("hi");

        using var body = JsonDocument.Parse(handler.LastBody);
        Assert.Equal("ep-20250504112638-zjqvx", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void GetService_Metadata_NamesDoubaoAndTheArkEndpoint()
    {
        using var client = new DoubaoChatClient(new DoubaoOptions { ApiKey = "ark-test" });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal("doubao", metadata.ProviderName);
        Assert.Equal(new Uri("https://ark.cn-beijing.volces.com/api/v3"), metadata.ProviderUri);
        Assert.Equal("doubao-seed-2-0-lite-260428", metadata.DefaultModelId);
    }

    [Fact]
    public void Constructor_WithoutApiKey_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DoubaoChatClient(new DoubaoOptions()));

        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InvalidEndpoint.ClosedEndpoint", LlmErrorKind.ModelNotFound)]
    [InlineData("InvalidEndpointOrModel.ModelIDAccessDisabled", LlmErrorKind.PermissionDenied)]
    [InlineData("InvalidAccountStatus", LlmErrorKind.PermissionDenied)]
    [InlineData("OperationDenied.ServiceNotOpen", LlmErrorKind.ModelNotFound)]
    [InlineData("OperationDenied.ServiceOverdue", LlmErrorKind.QuotaExceeded)]
    [InlineData("QuotaExceeded.AgentPlanQuotaExceeded", LlmErrorKind.QuotaExceeded)]
    [InlineData("ModelAccountRpmRateLimitExceeded", LlmErrorKind.RateLimited)]
    [InlineData("ModelAccountTpmRateLimitExceeded", LlmErrorKind.RateLimited)]
    [InlineData("APIAccountRpmRateLimitExceeded", LlmErrorKind.RateLimited)]
    [InlineData("AccountRateLimitExceeded", LlmErrorKind.RateLimited)]
    [InlineData("RateLimitExceeded.EndpointFlexTPMExceeded", LlmErrorKind.RateLimited)]
    [InlineData("RequestBurstTooFast", LlmErrorKind.RateLimited)]
    [InlineData("InflightBatchsizeExceeded", LlmErrorKind.RateLimited)]
    [InlineData("SensitiveContentDetected.SevereViolation", LlmErrorKind.ContentFiltered)]
    [InlineData("InputImageSensitiveContentDetected", LlmErrorKind.ContentFiltered)]
    [InlineData("OutputTextRiskDetection", LlmErrorKind.ContentFiltered)]
    [InlineData("InvalidArgumentError.UnknownRole", LlmErrorKind.InvalidRequest)]
    [InlineData("InvalidImageURL.InvalidFormat", LlmErrorKind.InvalidRequest)]
    [InlineData("MissingParameter.Model", LlmErrorKind.InvalidRequest)]
    [InlineData("ContentSecurityDetectionError", LlmErrorKind.ServerError)]
    [InlineData("RequestTimeout", LlmErrorKind.Timeout)]
    public void ClassifyCode_CodesWithoutAFixture_MapToTheirKind(string code, LlmErrorKind expected)
    {
        Assert.Equal(expected, DoubaoDialect.ClassifyCode(code, "x"));
    }

    [Fact]
    public void ClassifyCode_InvalidParameterAboutContextLength_IsContextLengthExceeded()
    {
        Assert.Equal(
            LlmErrorKind.ContextLengthExceeded,
            DoubaoDialect.ClassifyCode("InvalidParameter", "Total tokens of image and text exceed max message tokens: the maximum context length is 262144."));
    }

    [Fact]
    public void ClassifyCode_UnknownCode_FallsBackToTheStatus()
    {
        Assert.Null(DoubaoDialect.ClassifyCode("SomethingNew", "x"));
        Assert.Null(DoubaoDialect.ClassifyCode(null, "x"));
    }

    [Theory]
    [InlineData("One or more parameters specified in the request are not valid. Request id: 0217280951205813c183a1fb82c613f4d4485b7d388d5b4d02e7e", "0217280951205813c183a1fb82c613f4d4485b7d388d5b4d02e7e")]
    [InlineData("The model or endpoint x does not exist. request ID:021abc", "021abc")]
    [InlineData("no id here", null)]
    [InlineData(null, null)]
    public void ExtractRequestId_ReadsTheIdAtTheEndOfTheMessage(string? message, string? expected)
    {
        Assert.Equal(expected, DoubaoDialect.ExtractRequestId(message));
    }
}
