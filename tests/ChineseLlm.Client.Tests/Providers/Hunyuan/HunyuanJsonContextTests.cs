using System.Text.Json;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

public sealed class HunyuanJsonContextTests
{
    private static string Payload(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "hunyuan", name));

    private static IEnumerable<string> SseData(string name) =>
        Payload(name).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => e["data: ".Length..]);

    [Fact]
    public void Deserialize_NativeChat_ReadsEnvelopeChoiceAndUsage()
    {
        var envelope = JsonSerializer.Deserialize(Payload("native-chat.json"), HunyuanJsonContext.Default.HunyuanResponseEnvelope);

        var response = Assert.IsType<HunyuanChatCompletionsResponse>(envelope?.Response);
        Assert.Equal("e4657570-94a5-45f1-896c-a00ac3471d51", response.RequestId);
        Assert.Null(response.Error);
        var choice = Assert.Single(response.Choices!);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal("assistant", choice.Message!.Role);
        Assert.StartsWith("你好！", choice.Message.Content, StringComparison.Ordinal);
        Assert.Equal(17, response.Usage!.TotalTokens);
    }

    [Fact]
    public void Deserialize_NativeToolCallWithoutIds_ReadsTheCall()
    {
        var response = JsonSerializer.Deserialize(Payload("native-tool-call.json"), HunyuanJsonContext.Default.HunyuanResponseEnvelope)!.Response!;

        var call = Assert.Single(response.Choices![0].Message!.ToolCalls!);
        Assert.Null(call.Id);
        Assert.Null(response.Id);
        Assert.Equal("get_current_weather", call.Function!.Name);
        Assert.Equal("""{"location":["北京","深圳"],"unit":"celsius"}""", call.Function.Arguments);
    }

    [Fact]
    public void Deserialize_NativeReasoning_ReadsReasoningAndCachedTokens()
    {
        var response = JsonSerializer.Deserialize(Payload("native-reasoning.json"), HunyuanJsonContext.Default.HunyuanResponseEnvelope)!.Response!;

        Assert.NotNull(response.Choices![0].Message!.ReasoningContent);
        Assert.Equal(0, response.Usage!.PromptTokensDetails!.CachedTokens);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("\"34\"", 34)]
    public void Deserialize_CachedTokensAsNumberOrString_Reads(string json, long expected)
    {
        var usage = JsonSerializer.Deserialize(
            """{"Usage":{"PromptTokensDetails":{"CachedTokens":""" + json + "}}}", HunyuanJsonContext.Default.HunyuanChatCompletionsResponse);

        Assert.Equal(expected, usage!.Usage!.PromptTokensDetails!.CachedTokens);
    }

    [Theory]
    [InlineData("native-error-invalid-parameter.json", "InvalidParameter", "188cc996-ab09-49a7-aa9f-1df88f11c6b4")]
    [InlineData("native-error-auth-signature-failure.json", "AuthFailure.SignatureFailure", "976345b3-e9e9-4270-9ebf-b0d87adc16f2")]
    [InlineData("native-stream-error-as-json.json", "FailedOperation.EngineServerLimitExceeded", "61a8459b-27c8-4868-af8f-f374db0245f8")]
    public void Deserialize_NativeError_ReadsCodeMessageAndRequestId(string file, string code, string requestId)
    {
        var response = JsonSerializer.Deserialize(Payload(file), HunyuanJsonContext.Default.HunyuanResponseEnvelope)!.Response!;

        Assert.Equal(code, response.Error!.Code);
        Assert.False(string.IsNullOrEmpty(response.Error.Message));
        Assert.Equal(requestId, response.RequestId);
        Assert.Null(response.Choices);
    }

    [Fact]
    public void Deserialize_NativeStream_UsageIsRunningAndLastEventFinishes()
    {
        var events = SseData("native-stream.sse")
            .Select(d => JsonSerializer.Deserialize(d, HunyuanJsonContext.Default.HunyuanChatCompletionsResponse)!)
            .ToList();

        Assert.Equal(6, events.Count);
        Assert.All(events.SkipLast(1), e => Assert.Equal("", e.Choices![0].FinishReason));
        Assert.Equal("stop", events[^1].Choices![0].FinishReason);
        Assert.Equal("1+1=2", string.Concat(events.Select(e => e.Choices![0].Delta!.Content)));
        Assert.Equal([6L, 7, 8, 9, 9, 9], events.Select(e => e.Usage!.TotalTokens!.Value));
    }

    [Fact]
    public void Deserialize_NativeStreamToolCall_FragmentsShareTheId()
    {
        var calls = SseData("native-stream-tool-call.sse")
            .Select(d => JsonSerializer.Deserialize(d, HunyuanJsonContext.Default.HunyuanChatCompletionsResponse)!)
            .SelectMany(e => e.Choices![0].Delta!.ToolCalls ?? [])
            .ToList();

        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("call_cq154vk2c3m1v7ep3530", c.Id));
        Assert.Equal("get_current_weather", calls[0].Function!.Name);
        Assert.Equal("", calls[1].Function!.Name);
    }

    [Fact]
    public void Deserialize_NativeStreamMidstreamError_ReadsErrorMsg()
    {
        var last = JsonSerializer.Deserialize(SseData("native-stream-error-midstream.sse").Last(), HunyuanJsonContext.Default.HunyuanChatCompletionsResponse)!;

        Assert.Equal(4001, last.ErrorMsg!.Code);
        Assert.Equal("请求模型超时", last.ErrorMsg.Msg);
    }

    [Fact]
    public void Serialize_Request_WritesPascalCaseAndOmitsNulls()
    {
        var request = new HunyuanChatCompletionsRequest
        {
            Model = "hunyuan-functioncall",
            Messages =
            [
                new HunyuanMessage { Role = "user", Content = "北京和深圳今天天气如何" },
                new HunyuanMessage
                {
                    Role = "assistant",
                    Content = "",
                    ToolCalls = [new HunyuanToolCall { Id = "call_1", Type = "function", Function = new HunyuanToolCallFunction { Name = "get_current_weather", Arguments = "{}" } }],
                },
                new HunyuanMessage { Role = "tool", ToolCallId = "call_1", Content = "{\"temperature\":35}" },
            ],
            Stream = true,
            Temperature = 0.5f,
            Tools = [new HunyuanTool { Type = "function", Function = new HunyuanToolFunction { Name = "get_current_weather", Parameters = "{\"type\":\"object\"}", Description = "获取当前地点的天气" } }],
            ToolChoice = "auto",
        };

        var json = JsonSerializer.Serialize(request, HunyuanJsonContext.Default.HunyuanChatCompletionsRequest);

        var expected = JsonNode.Parse("""
            {"Model":"hunyuan-functioncall",
             "Messages":[{"Role":"user","Content":"北京和深圳今天天气如何"},
                         {"Role":"assistant","Content":"","ToolCalls":[{"Id":"call_1","Type":"function","Function":{"Name":"get_current_weather","Arguments":"{}"}}]},
                         {"Role":"tool","Content":"{\"temperature\":35}","ToolCallId":"call_1"}],
             "Stream":true,"Temperature":0.5,
             "Tools":[{"Type":"function","Function":{"Name":"get_current_weather","Parameters":"{\"type\":\"object\"}","Description":"获取当前地点的天气"}}],
             "ToolChoice":"auto"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), json);
    }
}
