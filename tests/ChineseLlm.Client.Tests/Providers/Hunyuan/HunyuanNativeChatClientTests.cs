using System.Text.Json;
using ChineseLlm.Client.Providers.Hunyuan.Wire;
using ChineseLlm.Client.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Providers.Hunyuan;

public sealed class HunyuanNativeProtocolTests
{
    private static readonly ChatOptions TwoTools = new()
    {
        Tools =
        [
            AIFunctionFactory.CreateDeclaration("get_weather", "Weather.", JsonDocument.Parse("""{"type":"object"}""").RootElement),
            AIFunctionFactory.CreateDeclaration("get_time", null, JsonDocument.Parse("""{"type":"object"}""").RootElement),
        ],
    };

    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "hunyuan", file));

    private static string Serialize(HunyuanChatCompletionsRequest request) =>
        JsonSerializer.Serialize(request, HunyuanJsonContext.Default.HunyuanChatCompletionsRequest);

    [Fact]
    public void ToHunyuanRequest_Minimal_SendsModelAndMessagesOnly()
    {
        var request = HunyuanNativeProtocol.ToHunyuanRequest("hunyuan-lite", [new(ChatRole.User, "你好")], options: null, stream: false);

        JsonAssert.Equal("""{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}""", Serialize(request));
    }

    [Fact]
    public void ToHunyuanRequest_ProtocolWorkedExample_WritesTheDocumentedBodyByteForByte()
    {
        var request = HunyuanNativeProtocol.ToHunyuanRequest("hunyuan-lite", [new(ChatRole.User, "你好")], options: null, stream: false);

        var bytes = ChineseLlm.Client.Http.WireJson.SerializeToUtf8Bytes(request, HunyuanJsonContext.Default.HunyuanChatCompletionsRequest);

        Assert.Equal("""{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}""", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task GetResponseAsync_ProtocolWorkedExample_SignsExactlyAsDocumented()
    {
        // The TC3 worked example (docs/protocols/hunyuan.md, "Other facts the code relies on"): hunyuan-lite, "你好", 1763884800, hunyuan.tencentcloudapi.com.
        var handler = new RecordingHttpHandler(Fixture("native-chat.json"));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1763884800));
        using var client = new HunyuanChatClient(
            new HunyuanOptions { SecretId = "AKIDhunyuanExample", SecretKey = "hiddenHunyuanSecretKey0123456789", DefaultModel = "hunyuan-lite" },
            new HttpClient(handler), TestServices.Of(time));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "你好")]);

        var (request, body) = handler.Requests[0];
        Assert.Equal("""{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}""", body);
        Assert.Equal("https://hunyuan.tencentcloudapi.com/", request.RequestUri!.ToString());
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDhunyuanExample/2025-11-23/hunyuan/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=e39a3b651d19d7048e3491bb3ba18b238b9798b635d4e84b3008806d70a928a0",
            request.Headers.GetValues("Authorization").Single());
        Assert.Equal("1763884800", request.Headers.GetValues("X-TC-Timestamp").Single());
        Assert.Equal("ChatCompletions", request.Headers.GetValues("X-TC-Action").Single());
        Assert.Equal("2023-09-01", request.Headers.GetValues("X-TC-Version").Single());
        Assert.False(request.Headers.Contains("X-TC-Region"));
    }

    [Fact]
    public void ToHunyuanRequest_StreamAndReasoningNone_SetsStreamAndDisablesThinking()
    {
        var request = HunyuanNativeProtocol.ToHunyuanRequest(
            "hunyuan-a13b", [new(ChatRole.User, "hi")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }, stream: true);

        JsonAssert.Equal("""{"Model":"hunyuan-a13b","Messages":[{"Role":"user","Content":"hi"}],"Stream":true,"EnableThinking":false}""", Serialize(request));
    }

    [Fact]
    public void ToHunyuanRequest_EnableThinkingPassThrough_ReplacesTheDerivedValue()
    {
        var options = new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None },
            AdditionalProperties = new() { ["EnableThinking"] = true, ["StreamModeration"] = false, ["Unknown"] = 1 },
        };

        var request = HunyuanNativeProtocol.ToHunyuanRequest("m", [new(ChatRole.User, "hi")], options, stream: true);

        JsonAssert.Equal("""{"Model":"m","Messages":[{"Role":"user","Content":"hi"}],"Stream":true,"EnableThinking":true,"StreamModeration":false}""", Serialize(request));
    }

    [Fact]
    public void ToHunyuanRequest_MaxOutputTokensAndJsonMode_AreNotSent()
    {
        var request = HunyuanNativeProtocol.ToHunyuanRequest(
            "m", [new(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 100, ResponseFormat = ChatResponseFormat.Json }, stream: false);

        JsonAssert.Equal("""{"Model":"m","Messages":[{"Role":"user","Content":"hi"}]}""", Serialize(request));
    }

    [Fact]
    public void ToHunyuanRequest_ImageAfterText_SendsContentsParts()
    {
        ChatMessage message = new(ChatRole.User, [
            new TextContent("这是哪家公司的 Logo？"),
            new UriContent(new Uri("https://example.com/logo.png"), "image/png"),
        ]);

        var request = HunyuanNativeProtocol.ToHunyuanRequest("hunyuan-vision", [message], options: null, stream: false);

        JsonAssert.Equal("""
            {"Model":"hunyuan-vision","Messages":[{"Role":"user","Contents":[
              {"Type":"text","Text":"这是哪家公司的 Logo？"},
              {"Type":"image_url","ImageUrl":{"Url":"https://example.com/logo.png"}}]}]}
            """, Serialize(request));
    }

    [Fact]
    public void ToHunyuanRequest_RequiredNamedTool_IsCustomWithThatTool()
    {
        var options = TwoTools.Clone();
        options.ToolMode = ChatToolMode.RequireSpecific("get_time");

        var request = HunyuanNativeProtocol.ToHunyuanRequest("m", [new(ChatRole.User, "hi")], options, stream: false);

        Assert.Equal("custom", request.ToolChoice);
        Assert.Equal("get_time", request.CustomTool!.Function.Name);
        Assert.Equal("""{"type":"object"}""", request.CustomTool.Function.Parameters);
    }

    [Theory]
    [InlineData(false, "none")]
    [InlineData(true, "auto")]
    public void ToHunyuanRequest_NoneOrRequireAnyOfSeveral_MapsToNoneOrAuto(bool requireAny, string expected)
    {
        var options = TwoTools.Clone();
        options.ToolMode = requireAny ? ChatToolMode.RequireAny : ChatToolMode.None;

        var request = HunyuanNativeProtocol.ToHunyuanRequest("m", [new(ChatRole.User, "hi")], options, stream: false);

        Assert.Equal(expected, request.ToolChoice);
        Assert.Null(request.CustomTool);
    }

    [Fact]
    public void ToHunyuanRequest_UnsupportedContent_IsInvalidRequest()
    {
        var ex = Assert.Throws<ChineseLlmException>(() => HunyuanNativeProtocol.ToHunyuanRequest(
            "m", [new(ChatRole.User, [new DataContent(new byte[] { 1, 2 }, "application/pdf")])], options: null, stream: false));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("hunyuan", ex.Provider);
    }

    [Fact]
    public void StreamState_FragmentsWithoutIdOrName_ContinueTheLastCallOrTheirIndex()
    {
        var state = new HunyuanNativeProtocol.StreamState("m", "req-1");

        state.AppendToolCall(new HunyuanToolCall { Index = 0, Function = new HunyuanToolCallFunction { Name = "a", Arguments = "{\"x\":" } });
        state.AppendToolCall(new HunyuanToolCall { Index = 1, Function = new HunyuanToolCallFunction { Name = "b", Arguments = "{" } });
        state.AppendToolCall(new HunyuanToolCall { Index = 0, Function = new HunyuanToolCallFunction { Arguments = "1}" } });
        state.AppendToolCall(new HunyuanToolCall { Function = new HunyuanToolCallFunction { Name = "", Arguments = "}" } });

        Assert.Equal(2, state.ToolCalls.Count);
        Assert.Equal(("a", "{\"x\":1}"), (state.ToolCalls[0].Name, state.ToolCalls[0].Arguments.ToString()));
        Assert.Equal(("b", "{}"), (state.ToolCalls[1].Name, state.ToolCalls[1].Arguments.ToString()));
    }

    [Fact]
    public void CompleteStream_WithoutFinishReason_IsTransientNetworkError()
    {
        var state = new HunyuanNativeProtocol.StreamState("m", "req-1");
        HunyuanNativeProtocol.FromHunyuanChunk(
            JsonSerializer.Deserialize(Fixture("native-stream.sse").Split("\n\n")[0]["data: ".Length..], HunyuanJsonContext.Default.HunyuanChatCompletionsResponse)!,
            state);

        var ex = Assert.Throws<ChineseLlmException>(() => HunyuanNativeProtocol.CompleteNativeStream(state));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.Equal("req-1", ex.RequestId);
    }

    [Fact]
    public async Task GetResponseAsync_OverHandler_PostsToRootWithSignedHeadersAndRegion()
    {
        var handler = new RecordingHttpHandler(Fixture("native-chat.json"));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1763884800));
        using var client = new HunyuanChatClient(
            new HunyuanOptions { SecretId = "AKIDx", SecretKey = "secret", Region = "ap-beijing", Endpoint = new Uri("https://hunyuan.ap-beijing.tencentcloudapi.com/ignored/path") },
            new HttpClient(handler), TestServices.Of(time));

        var response = await client.GetResponseAsync("你好");

        var request = handler.Requests[0].Request;
        Assert.Equal("https://hunyuan.ap-beijing.tencentcloudapi.com/ignored/path", request.RequestUri!.GetLeftPart(UriPartial.Path));
        Assert.StartsWith("TC3-HMAC-SHA256 Credential=AKIDx/2025-11-23/hunyuan/tc3_request, SignedHeaders=content-type;host, Signature=",
            request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        Assert.Equal("ap-beijing", request.Headers.GetValues("X-TC-Region").Single());
        Assert.Equal("application/json; charset=utf-8", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal("e4657570-94a5-45f1-896c-a00ac3471d51", response.ResponseId);
    }

    [Fact]
    public void GetService_Metadata_NamesHunyuanAndTheNativeEndpoint()
    {
        using var client = new HunyuanChatClient(new HunyuanOptions { SecretId = "AKIDx", SecretKey = "secret" });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal("hunyuan", metadata.ProviderName);
        Assert.Equal(new Uri("https://hunyuan.tencentcloudapi.com"), metadata.ProviderUri);
        Assert.Equal("hunyuan-turbos-latest", metadata.DefaultModelId);
        Assert.NotNull(client.GetService<HunyuanNativeProtocol>());
    }

    [Fact]
    public void GetService_ApiKeyOnly_UsesTheCompatibleEndpoint()
    {
        using var client = new HunyuanChatClient(new HunyuanOptions { ApiKey = "sk-x" });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(new Uri("https://api.hunyuan.cloud.tencent.com/v1"), metadata.ProviderUri);
        Assert.Null(client.GetService<HunyuanNativeProtocol>());
    }

    [Theory]
    [InlineData("https://hunyuan.tencentcloudapi.com/", "hunyuan.tencentcloudapi.com")]
    [InlineData("http://localhost:5123/", "localhost:5123")]
    [InlineData("https://example.com:443/x", "example.com")]
    public void HostHeader_MatchesWhatHttpClientSends(string uri, string expected)
    {
        Assert.Equal(expected, Tc3Authenticator.HostHeader(new Uri(uri)));
    }
}
