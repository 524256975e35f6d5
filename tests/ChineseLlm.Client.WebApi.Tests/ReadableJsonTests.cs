using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Samples.WebApi;

/// <summary>
/// The gateway's JSON is readable with curl: DeepSeek's answer (C code with <c>#include &lt;stdio.h&gt;</c> and Chinese,
/// from its fixture) comes back as text, not as <c>\u003C</c> and <c>\u7A0B</c> escapes — in answers and in streams.
/// </summary>
public sealed class ReadableJsonTests : IDisposable
{
    private readonly WireMockServer _deepSeek = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task ChatCompletion_RawBody_HasChineseAndAngleBracketsUnescaped()
    {
        _deepSeek.Given(Request.Create().UsingPost().WithPath("/chat/completions")).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("deepseek", "chat-plain.json")));
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        using var http = app.CreateClient();

        using var content = new StringContent("""{"model":"auto","messages":[{"role":"user","content":"写一个加法程序"}]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("#include <stdio.h>", body, StringComparison.Ordinal);
        Assert.Contains("程序功能：输入两个整数，输出它们的和。", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChatCompletionStream_RawEvents_HaveChineseUnescaped()
    {
        _deepSeek.Given(Request.Create().UsingPost().WithPath("/chat/completions")).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(Payload.Read("deepseek", "stream-plain-keepalive.sse")));
        using var app = new GatewayFactory(_deepSeek, kimi: null, _time);
        using var http = app.CreateClient();

        using var content = new StringContent("""{"model":"auto","stream":true,"messages":[{"role":"user","content":"你好"}]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        Assert.Matches("\\p{IsCJKUnifiedIdeographs}", body);
    }

    public void Dispose() => _deepSeek.Dispose();
}
