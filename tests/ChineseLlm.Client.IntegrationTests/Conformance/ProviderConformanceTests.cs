using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Conformance;

/// <summary>
/// The behaviour every provider adapter must show over real HTTP, against WireMock.Net serving the vendor's own
/// fixture payloads. An adapter's test class derives from this and supplies its fixtures and a client factory;
/// it may add vendor-specific tests beside the inherited ones.
/// </summary>
public abstract class ProviderConformanceTests : IDisposable
{
    /// <summary>The fake credential every conformance client uses; it must never leak into errors.</summary>
    protected const string SecretApiKey = "sk-conformance-secret-4f3c2b1a0e9d";

    protected ProviderConformanceTests()
    {
        Server = WireMockServer.Start();
    }

    protected WireMockServer Server { get; }

    /// <summary>Gets the base URI the adapter's <c>Endpoint</c> is set to.</summary>
    protected virtual Uri Endpoint => new(Server.Url!);

    /// <summary>Gets the provider key (<c>deepseek</c>, …), as in <see cref="ChineseLlmException.Provider"/>.</summary>
    protected abstract string ProviderKey { get; }

    /// <summary>Gets the folder under tests/Payloads holding the vendor's fixtures.</summary>
    protected virtual string PayloadFolder => ProviderKey;

    /// <summary>Gets the request path the adapter must call under <see cref="Endpoint"/>.</summary>
    protected abstract string ExpectedPath { get; }

    /// <summary>Gets the response header that carries the vendor's request id.</summary>
    protected abstract string RequestIdHeader { get; }

    protected abstract ChatFixture PlainChat { get; }

    protected abstract ChatFixture PlainStream { get; }

    protected abstract ToolCallFixture ToolCall { get; }

    protected abstract ToolCallFixture StreamingToolCall { get; }

    protected abstract IReadOnlyList<ErrorFixture> Errors { get; }

    /// <summary>
    /// Creates the adapter pointed at <paramref name="endpoint"/> with <see cref="SecretApiKey"/> (or the vendor's
    /// credentials), built the way users build it without DI (so the resilience pipeline is in place), after
    /// <paramref name="configure"/> adjusts the options.
    /// </summary>
    protected abstract IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null);

    /// <summary>Serves <paramref name="body"/> for every POST.</summary>
    protected virtual void Stub(string body, int statusCode = 200, string contentType = "application/json", TimeSpan? delay = null)
    {
        var response = Response.Create()
            .WithStatusCode(statusCode)
            .WithHeader("Content-Type", contentType)
            .WithHeader(RequestIdHeader, "req-conformance-42")
            .WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().UsingPost()).RespondWith(response);
    }

    protected void StubFixture(string file, int statusCode = 200, string? contentType = null) =>
        Stub(Payload.Read(PayloadFolder, file), statusCode, contentType ?? (file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json"));

    protected static List<ChatMessage> Hello => [new(ChatRole.User, "你好")];

    [Fact]
    public virtual async Task GetResponseAsync_PlainChat_MapsTextUsageAndIds()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal(PlainChat.ExpectedText, response.Text);
        AssertReasoning(PlainChat.ExpectedReasoning, response.Messages.SelectMany(m => m.Contents));
        Assert.Equal(PlainChat.ModelId, response.ModelId);
        Assert.Equal(PlainChat.ResponseId, response.ResponseId);
        Assert.Equal(PlainChat.FinishReason, response.FinishReason?.Value);
        AssertUsage(PlainChat, response.Usage);
        var request = Assert.Single(Server.LogEntries);
        Assert.Equal(ExpectedPath, request.RequestMessage.Path);
    }

    [Fact]
    public virtual async Task GetStreamingResponseAsync_PlainStream_JoinsTextAndReportsUsageOnFinalUpdate()
    {
        StubFixture(PlainStream.File);
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.True(updates.Count >= 2, "a stream maps to several updates");
        Assert.Equal(PlainStream.ExpectedText, string.Concat(updates.Select(u => u.Text)));
        var final = updates[^1];
        Assert.Equal(PlainStream.ModelId, final.ModelId);
        Assert.Equal(PlainStream.FinishReason, final.FinishReason?.Value);
        AssertUsage(PlainStream, Assert.Single(final.Contents.OfType<UsageContent>()).Details);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());

        var response = updates.ToChatResponse();
        Assert.Equal(PlainStream.ExpectedText, response.Text);
        Assert.Equal(PlainStream.ResponseId, response.ResponseId);
        AssertReasoning(PlainStream.ExpectedReasoning, response.Messages.SelectMany(m => m.Contents));
    }

    [Fact]
    public virtual async Task GetResponseAsync_ToolCall_MapsFunctionCallContent()
    {
        StubFixture(ToolCall.File);
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, WeatherOptions());

        AssertToolCall(ToolCall, response.Messages.SelectMany(m => m.Contents).ToList());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public virtual async Task GetStreamingResponseAsync_ToolCall_JoinsFragmentsByIndex()
    {
        StubFixture(StreamingToolCall.File);
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello, WeatherOptions()).ToListAsync();

        AssertToolCall(StreamingToolCall, updates.SelectMany(u => u.Contents).ToList());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public virtual async Task GetResponseAsync_ErrorFixtures_EachMapsToItsKindWithRequestId()
    {
        Assert.NotEmpty(Errors);
        var mismatches = new List<string>();
        foreach (var fixture in Errors)
        {
            Server.Reset();
            StubFixture(fixture.File, fixture.StatusCode, fixture.ContentType);
            using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

            if (ex.Kind != fixture.Kind || ex.Provider != ProviderKey || ex.ErrorCode != fixture.ErrorCode ||
                (fixture.StatusCode != 200 && ex.StatusCode != fixture.StatusCode) || ex.RequestId is null)
            {
                mismatches.Add($"{fixture.File}: got {ex.Kind} status {ex.StatusCode} code {ex.ErrorCode} request id {ex.RequestId}");
            }

            Assert.DoesNotContain(SecretApiKey, ex.ToString(), StringComparison.Ordinal);
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public virtual async Task GetResponseAsync_HtmlBadGateway_IsServerErrorWithStatus()
    {
        Stub("<html><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html");
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(ProviderKey, ex.Provider);
    }

    [Fact]
    public virtual async Task GetResponseAsync_MalformedJson_IsProtocolNotJsonException()
    {
        Stub("{\"id\":\"x\",\"choices\":[{\"message\":", 200);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.Equal(ProviderKey, ex.Provider);
    }

    [Fact]
    public virtual async Task GetStreamingResponseAsync_TruncatedStream_FailsInsteadOfLookingComplete()
    {
        var transcript = Payload.Read(PayloadFolder, PlainStream.File);
        var cut = transcript.IndexOf("\n\n", StringComparison.Ordinal) + 2; // only the first event survives
        Stub(transcript[..cut], 200, "text/event-stream");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(ProviderKey, ex.Provider);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public virtual async Task GetResponseAsync_ServerStalls_FailsWithTimeoutWithinTheConfiguredTimeout()
    {
        StubDelayed(PlainChat.File, TimeSpan.FromSeconds(3));
        using var client = CreateClient(Endpoint, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(400);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetryAttempts = 0;
        });

        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5), "the timeout, not the server, ended the call");
    }

    [Fact]
    public virtual async Task GetResponseAsync_CallerCancels_ThrowsOperationCanceled()
    {
        StubDelayed(PlainChat.File, TimeSpan.FromSeconds(3));
        using var client = CreateClient(Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Hello, cancellationToken: cts.Token));
    }

    [Fact]
    public virtual async Task GetStreamingResponseAsync_CallerCancelsAfterFirstUpdate_StopsReading()
    {
        StubFixture(PlainStream.File);
        using var client = CreateClient(Endpoint);
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, cancellationToken: cts.Token))
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
    }

    [Fact]
    public virtual async Task GetResponseAsync_TransientFailureThenSuccess_IsRetried()
    {
        Server.Given(Request.Create().UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0").WithBody("busy"));
        Server.Given(Request.Create().UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read(PayloadFolder, PlainChat.File)));
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal(PlainChat.ExpectedText, response.Text);
        Assert.Equal(2, Server.LogEntries.Count);
    }

    [Fact]
    public virtual async Task GetResponseAsync_BadRequest_IsNotRetried()
    {
        var invalid = Errors.FirstOrDefault(e => e.Kind == LlmErrorKind.InvalidRequest)
            ?? throw new InvalidOperationException("the provider's fixtures need an InvalidRequest error");
        StubFixture(invalid.File, invalid.StatusCode, invalid.ContentType);
        using var client = CreateClient(Endpoint);

        await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Single(Server.LogEntries);
    }

    [Fact]
    public virtual void GetService_ChatClientMetadata_NamesProvider()
    {
        using var client = CreateClient(Endpoint);

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(ProviderKey, metadata.ProviderName);
        Assert.False(string.IsNullOrEmpty(metadata.DefaultModelId));
    }

    protected void StubDelayed(string file, TimeSpan delay) =>
        Stub(Payload.Read(PayloadFolder, file), 200, "application/json", delay);

    protected static ChatOptions WeatherOptions() => new()
    {
        Tools = [AIFunctionFactory.CreateDeclaration(
            "get_weather",
            "Gets the weather for a city.",
            System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement)],
    };

    private static void AssertUsage(ChatFixture fixture, UsageDetails? usage)
    {
        Assert.NotNull(usage);
        Assert.Equal(fixture.InputTokens, usage.InputTokenCount);
        Assert.Equal(fixture.OutputTokens, usage.OutputTokenCount);
        Assert.Equal(fixture.CachedInputTokens, usage.CachedInputTokenCount);
        Assert.Equal(fixture.ReasoningTokens, usage.ReasoningTokenCount);
    }

    private static void AssertReasoning(string? expected, IEnumerable<AIContent> contents)
    {
        var reasoning = string.Concat(contents.OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal(expected ?? string.Empty, reasoning);
    }

    private static void AssertToolCall(ToolCallFixture fixture, List<AIContent> contents)
    {
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal(fixture.CallId, call.CallId);
        Assert.Equal(fixture.FunctionName, call.Name);
        Assert.Null(call.Exception);
        Assert.NotNull(call.Arguments);
        Assert.Equal(fixture.ArgumentValue, call.Arguments[fixture.ArgumentName]?.ToString());
        if (fixture.ExpectedReasoning is not null)
        {
            AssertReasoning(fixture.ExpectedReasoning, contents);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Stop();
            Server.Dispose();
        }
    }
}
