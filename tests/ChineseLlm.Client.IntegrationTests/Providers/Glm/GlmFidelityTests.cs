using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers.Glm;

/// <summary>
/// GLM behaviours checked against Zhipu's SDK and API reference (docs/protocols/glm.md, "Differences found"), over HTTP
/// against the payloads in tests/Payloads/glm.
/// </summary>
public sealed class GlmFidelityTests : IDisposable
{
    private const string ApiKey = "glm-fidelity-key.s3cr3tValue";

    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task GetResponseAsync_ContextWindowExceededFinish_IsReportedAsLength()
    {
        Stub("chat-context-window-exceeded.json", "application/json");
        using var client = CreateClient();

        var response = await client.GetResponseAsync("summarise the attached log");

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(202745, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ContextWindowExceededFinish_IsReportedAsLength()
    {
        Stub("stream-context-window-exceeded.sse", "text/event-stream");
        using var client = CreateClient();

        var updates = await client.GetStreamingResponseAsync("summarise the attached log").ToListAsync();

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Equal("总结如下：", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorObjectMidStream_MapsItsBusinessCode()
    {
        Stub("stream-error-object.sse", "text/event-stream");
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync("hi").ToListAsync());

        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("1301", ex.ErrorCode);
        Assert.Equal("glm", ex.Provider);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorStringMidStream_FailsWithTheVendorsMessageNotAProtocolError()
    {
        Stub("stream-error-string.sse", "text/event-stream");
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync("hi").ToListAsync());

        Assert.NotEqual(LlmErrorKind.Protocol, ex.Kind);
        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Contains("upstream inference failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal("req-glm-fidelity", ex.RequestId);
    }

    public void Dispose() => _server.Dispose();

    private void Stub(string file, string contentType) =>
        _server.Given(Request.Create().UsingPost().WithPath("/chat/completions"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType)
                .WithHeader("X-Request-Id", "req-glm-fidelity").WithBody(Payload.Read("glm", file)));

    private GlmChatClient CreateClient() => new(new GlmOptions { ApiKey = ApiKey, Endpoint = new Uri(_server.Url!), MaxRetryAttempts = 0 });
}
