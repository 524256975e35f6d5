using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// Responses that arrive whole but are wrong: truncated JSON, the wrong content type, an error inside HTTP 200 or
/// inside a stream. None of them is retried by the transport (the bytes arrived); each maps to its documented kind.
/// </summary>
public sealed class ResponseFaultTests
{
    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_TruncatedJson_FailsWithProtocolAndIsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var body = profile.Read(profile.ChatFixture).Trim();
        await using var server = await FaultServer.StartAsync(Json(body[..(body.Length / 2)]));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var (ex, _) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_TruncatedJsonEvent_FailsWithProtocol(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        var events = SplitEvents(transcript);
        var textEvent = TransportFaultTests.EventsThroughFirstText(transcript, profile.StreamTextField) - 1;
        var broken = events[textEvent].TrimEnd('\n');
        events[textEvent] = broken[..(broken.Length * 2 / 3)] + "\n\n";
        await using var server = await FaultServer.StartAsync(Sse(string.Concat(events)));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Protocol, outcome.Failure().Kind);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_EmptyBody_FailsWithProtocol(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Json(string.Empty));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var (ex, _) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_HtmlPageWithStatus200_FailsWithProtocol(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(200, CaptivePortal, "text/html"));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var (ex, _) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_HtmlPageWithStatus200_FailsWithProtocol(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(Status(200, CaptivePortal, "text/html"));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        // Not "the stream was cut" (Network, transient): the server answered with something that is not a stream.
        Assert.Empty(outcome.Updates);
        Assert.Equal(LlmErrorKind.Protocol, outcome.Failure().Kind);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_JsonErrorBodyInsteadOfStream_MapsTheVendorError(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var (body, kind) = profile.ErrorInOkBody;
        await using var server = await FaultServer.StartAsync(Json(body));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.Empty(outcome.Updates);
        var ex = outcome.Failure();
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(profile.Key, ex.Provider);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ErrorInsideHttp200_MapsItsKindAndIsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var (body, kind) = profile.ErrorInOkBody;
        await using var server = await FaultServer.StartAsync(Json(body));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var (ex, _) = await FaultRun.FailureAsync(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(profile.Key, ex.Provider);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_ErrorEventAfterContent_MapsItsKindAndIsNotRetried(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var (transcript, kind) = profile.ErrorEventInStream;
        await using var server = await FaultServer.StartAsync(Sse(transcript));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.NotEmpty(outcome.Updates); // text or reasoning reached the caller before the error
        var ex = outcome.Failure();
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(profile.Key, ex.Provider);
        Assert.Equal(1, server.Hits);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetStreamingResponseAsync_StreamEndsWithoutFinish_FailsWithNetwork(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var transcript = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync(SseThen(transcript, TransportFaultTests.EventsThroughFirstText(transcript, profile.StreamTextField), SseEnding.Complete));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var outcome = await FaultRun.StreamAsync(client.GetStreamingResponseAsync(FaultRun.Hello));

        Assert.NotEmpty(outcome.Text);
        var ex = outcome.Failure();
        Assert.Equal(LlmErrorKind.Network, ex.Kind); // a clean close before the finish is still an incomplete answer
        Assert.Equal(1, server.Hits);
    }

    private const string CaptivePortal = "<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body>Please sign in</body></html>";
}
