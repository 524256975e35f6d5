using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing;

public sealed class SimulatedFaultTests
{
    public static TheoryData<SimulatedProtocol> Protocols => new(SimulatorCall.AllProtocols);

    [Fact]
    public async Task ConnectionRefused_Send_ThrowsHttpRequestExceptionWithConnectionError()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.ConnectionRefused());
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek));
        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.IsType<SocketException>(ex.InnerException);
        Assert.Equal(LlmErrorKind.Network, SimulatedFault.ConnectionRefused().ExpectedKind);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ConnectionReset_Stream_DeliversTheEventsBeforeItThenThrowsHttpIOException(SimulatedProtocol protocol)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply(new SimulatedReply { Text = "一二三四五六七八九十一二三四五六", StreamChunkLength = 2 })
            .Enqueue(SimulatedFault.ConnectionReset(afterEvents: 2));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new List<string>();
        var ex = await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(body).EnumerateAsync())
            {
                received.Add(item.Data);
            }
        });
        Assert.Equal(HttpRequestError.ResponseEnded, ex.HttpRequestError);
        Assert.Equal(2, received.Count);
        Assert.All(received, d => JsonDocument.Parse(d).Dispose());
    }

    [Fact]
    public async Task ConnectionReset_BufferedJsonBody_FailsWhileReadingTheContent()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("kimi", SimulatedFault.ConnectionReset());
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi));
        Assert.IsType<HttpIOException>(ex.InnerException);
    }

    [Fact]
    public async Task StallBeforeHeaders_Unbounded_WaitsUntilTheCallerCancels()
    {
        var time = new FakeTimeProvider();
        var simulator = new ProviderSimulatorHandler(time).Enqueue(SimulatedFault.StallBeforeHeaders());
        using var cts = new CancellationTokenSource();
        var send = SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, cancellationToken: cts.Token);

        time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(20);
        Assert.False(send.IsCompleted);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Equal(LlmErrorKind.Timeout, SimulatedFault.StallBeforeHeaders().ExpectedKind);
    }

    [Fact]
    public async Task StallBeforeHeaders_Bounded_AnswersOnceTheTimeHasPassed()
    {
        var time = new FakeTimeProvider();
        var simulator = new ProviderSimulatorHandler(time).Enqueue(SimulatedFault.StallBeforeHeaders(TimeSpan.FromSeconds(30)));
        var send = SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenCompatible);

        await WaitUntilAsync(() => time.Advance(TimeSpan.FromSeconds(10)), () => simulator.Requests.Count == 1);
        Assert.False(send.IsCompleted);
        for (var i = 0; i < 200 && !send.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(5);
        }

        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SimulatedFault.StallBeforeHeaders(TimeSpan.FromSeconds(30)).ExpectedKind);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task StallBetweenEvents_Unbounded_BlocksAfterTheGivenEventsUntilCancelled(SimulatedProtocol protocol)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply(new SimulatedReply { Text = "一二三四五六七八", StreamChunkLength = 2 })
            .Enqueue(SimulatedFault.StallBetweenEvents(afterEvents: 1));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, stream: true);
        using var cts = new CancellationTokenSource();
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in System.Net.ServerSentEvents.SseParser.Create(body).EnumerateAsync(cts.Token))
            {
                Interlocked.Increment(ref received);
            }
        });

        for (var i = 0; i < 400 && Volatile.Read(ref received) == 0; i++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(50);
        Assert.False(reading.IsCompleted);
        Assert.Equal(1, Volatile.Read(ref received));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task StallBetweenEvents_Bounded_ResumesWhenTimeAdvances()
    {
        var time = new FakeTimeProvider();
        var simulator = new ProviderSimulatorHandler(time)
            .SetReply(new SimulatedReply { Text = "一二三四五六", StreamChunkLength = 2 })
            .Enqueue(SimulatedFault.StallBetweenEvents(afterEvents: 2, TimeSpan.FromSeconds(90)));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, stream: true);
        var read = SimulatorCall.ReadEventsAsync(response);

        await Task.Delay(30);
        Assert.False(read.IsCompleted);

        // Advance until the reader, wherever it is, has passed the 90-second pause.
        for (var i = 0; i < 200 && !read.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(90));
            await Task.Delay(5);
        }

        var events = await read;
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task StallBetweenEvents_DisposingTheResponse_EndsThePendingRead()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.StallBetweenEvents(afterEvents: 1));
        var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true);
        var read = SimulatorCall.ReadEventsAsync(response);
        await Task.Delay(30);
        response.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => read);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TruncatedJson_Stream_EndsWithAnEventWhoseJsonIsCut(SimulatedProtocol protocol)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply(new SimulatedReply { Text = "一二三四五六七八", StreamChunkLength = 2 })
            .Enqueue(SimulatedFault.TruncatedJson(afterEvents: 1));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);

        Assert.Equal(2, events.Count);
        JsonDocument.Parse(events[0].Data).Dispose();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(events[1].Data));
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TruncatedJson_Body_IsHalfAJsonDocument(SimulatedProtocol protocol)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.TruncatedJson());
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{", text.TrimStart(), StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(LlmErrorKind.Protocol, SimulatedFault.TruncatedJson().ExpectedKind);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Error_EveryKindForEveryProtocol_IsAParsableVendorError(SimulatedProtocol protocol)
    {
        LlmErrorKind[] kinds =
        [
            LlmErrorKind.Authentication, LlmErrorKind.PermissionDenied, LlmErrorKind.RateLimited, LlmErrorKind.QuotaExceeded,
            LlmErrorKind.ContentFiltered, LlmErrorKind.InvalidRequest, LlmErrorKind.ModelNotFound,
            LlmErrorKind.ContextLengthExceeded, LlmErrorKind.ServerError,
        ];
        foreach (var kind in kinds)
        {
            // ERNIE v1, Hunyuan native and MiniMax answer every error inside HTTP 200; Spark its business codes (docs/protocols/spark.md).
            var inBody = protocol is SimulatedProtocol.ErnieV1 or SimulatedProtocol.HunyuanNative or SimulatedProtocol.MiniMax
                || (protocol == SimulatedProtocol.Spark && kind is LlmErrorKind.RateLimited or LlmErrorKind.QuotaExceeded or LlmErrorKind.ContentFiltered or LlmErrorKind.ContextLengthExceeded);
            var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.Error(kind));
            using var response = await SimulatorCall.SendChatAsync(simulator, protocol);
            var text = await response.Content.ReadAsStringAsync();
            if (inBody)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                Assert.True((int)response.StatusCode >= 400, $"{protocol} {kind}: HTTP {(int)response.StatusCode}");
            }

            if (protocol != SimulatedProtocol.DeepSeek || kind != LlmErrorKind.ServerError)
            {
                JsonDocument.Parse(text).Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ErrorMidStream_Stream_DeliversTheEventsBeforeItThenTheProvidersInBandError(SimulatedProtocol protocol)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply(new SimulatedReply { Text = "一二三四五六七八", StreamChunkLength = 2 })
            .Enqueue(SimulatedFault.ErrorMidStream(LlmErrorKind.ServerError, afterEvents: 2));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SimulatorCall.ReadEventsAsync(response);

        Assert.Equal(3, events.Count(e => e.Data != "[DONE]"));
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var error = JsonDocument.Parse(events[^1].Data).RootElement;
        switch (protocol)
        {
            case SimulatedProtocol.QwenNative:
                Assert.Equal("error", events[^1].EventType);
                Assert.Equal("InternalError", error.GetProperty("code").GetString());
                break;
            case SimulatedProtocol.HunyuanNative:
                Assert.Equal(4000, error.GetProperty("ErrorMsg").GetProperty("Code").GetInt32());
                break;
            case SimulatedProtocol.ErnieV1:
                Assert.Equal(336100, error.GetProperty("error_code").GetInt32());
                break;
            case SimulatedProtocol.MiniMax:
                Assert.Equal(1013, error.GetProperty("base_resp").GetProperty("status_code").GetInt32());
                break;
            default:
                Assert.Equal(JsonValueKind.Object, error.GetProperty("error").ValueKind);
                break;
        }
    }

    [Fact]
    public async Task ErrorMidStream_Doubao_MatchesTheCapturedMidStreamError()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply(FixtureShapes.Thinking)
            .Enqueue(SimulatedFault.ErrorMidStream(LlmErrorKind.ServerError));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true);
        var sent = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));
        var fixture = SimulatorCall.JsonEvents(SimulatorCall.ReadFixtureEvents("doubao/stream-error-midstream.sse"));
        JsonShape.AssertCovers(JsonShape.Of(fixture[^1]), JsonShape.Of(sent[^1]), "Doubao mid-stream error");
        Assert.Equal("InternalServiceError", sent[^1].GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ErrorMidStream_HunyuanTimeout_MatchesTheCapturedErrorMsgChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.ErrorMidStream(LlmErrorKind.Timeout));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true);
        var sent = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));
        var fixture = SimulatorCall.JsonEvents(SimulatorCall.ReadFixtureEvents("hunyuan/native-stream-error-midstream.sse"));
        JsonShape.AssertCovers(JsonShape.Of(fixture[^1]).Without("Usage"), JsonShape.Of(sent[^1]), "Hunyuan mid-stream error");
        Assert.Equal(4001, sent[^1].GetProperty("ErrorMsg").GetProperty("Code").GetInt32());
    }

    [Fact]
    public async Task ErrorMidStream_NonStreamRequest_AnswersTheOrdinaryError()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.ErrorMidStream(LlmErrorKind.RateLimited));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi);
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(LlmErrorKind.RateLimited, SimulatedFault.ErrorMidStream(LlmErrorKind.RateLimited).ExpectedKind);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.ErrorMidStream(LlmErrorKind.Network));
    }

    [Fact]
    public async Task Error_Protocol_AnswersAnHtmlPageWithHttp200()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.Error(LlmErrorKind.Protocol));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV2);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_TimeoutAndNetwork_BecomeAStallAndARefusedConnection()
    {
        Assert.Equal(SimulatedFaultType.StallBeforeHeaders, SimulatedFault.Error(LlmErrorKind.Timeout).Type);
        Assert.Equal(LlmErrorKind.Timeout, SimulatedFault.Error(LlmErrorKind.Timeout).ExpectedKind);
        Assert.Equal(SimulatedFaultType.ConnectionRefused, SimulatedFault.Error(LlmErrorKind.Network).Type);
        Assert.Equal(LlmErrorKind.Network, SimulatedFault.Error(LlmErrorKind.Network).ExpectedKind);
    }

    [Fact]
    public void Error_BudgetExceeded_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.Error(LlmErrorKind.BudgetExceeded));

    [Fact]
    public async Task Error_WithRetryAfter_AddsTheHeader()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.Error(LlmErrorKind.RateLimited, TimeSpan.FromSeconds(2.5)));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV2);
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Response_Raw_IsSentVerbatim()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).Enqueue(SimulatedFault.Response(502, "<html>bad gateway</html>", "text/html"));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.ConnectionReset(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.StallBetweenEvents(0, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.Response(99, "x"));
        Assert.Throws<ArgumentNullException>(() => SimulatedFault.Response(500, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.Error(LlmErrorKind.RateLimited, TimeSpan.FromSeconds(-1)));
    }

    /// <summary>Advances fake time in steps until a condition holds (the handler reaches its await before time moves).</summary>
    private static async Task WaitUntilAsync(Action step, Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(20);
        step();
    }
}
