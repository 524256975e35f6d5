using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class DoubaoDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("doubao");

    /// <summary>Fields the thinking fixture's usage chunk has that the simulator leaves out are optional; these it adds are documented.</summary>
    private static readonly string[] Documented = [];

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "doubao/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "doubao/chat-thinking.json", nameof(FixtureShapes.Thinking), false },
        { "doubao/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "doubao/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), true },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Doubao, fixture, FixtureShapes.Named(reply), Vendor, includeUsage, documentedExtras: Documented);

    [Fact]
    public async Task Reply_ThinkingStreamWithIncludeUsage_MatchesTheFixtureApartFromProvisionedTokens()
    {
        // The captured usage chunk also has provisioned_tokens:null, which the simulator does not send.
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.Thinking);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true, includeUsage: true);
        var sent = JsonShape.Of(SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response)));
        var fixture = JsonShape.Of(SimulatorCall.JsonEvents(SimulatorCall.ReadFixtureEvents("doubao/stream-thinking-include-usage.sse")));
        JsonShape.AssertCovers(fixture.Without("provisioned_tokens"), sent, "Doubao thinking stream");
        JsonShape.AssertWithin(sent, Vendor, Documented, "Doubao thinking stream");
    }

    [Theory]
    [InlineData("doubao/error-401-authentication.json", LlmErrorKind.Authentication, 401)]
    [InlineData("doubao/error-403-access-denied.json", LlmErrorKind.PermissionDenied, 403)]
    [InlineData("doubao/error-403-account-overdue.json", LlmErrorKind.QuotaExceeded, 403)]
    [InlineData("doubao/error-404-model-not-found.json", LlmErrorKind.ModelNotFound, 404)]
    [InlineData("doubao/error-400-invalid-parameter.json", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("doubao/error-400-input-text-sensitive.json", LlmErrorKind.ContentFiltered, 400)]
    [InlineData("doubao/error-400-out-of-context.json", LlmErrorKind.ContextLengthExceeded, 400)]
    [InlineData("doubao/error-429-endpoint-rpm.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("doubao/error-500-internal.json", LlmErrorKind.ServerError, 500)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Doubao, fixture, kind, (HttpStatusCode)status, "error.code");

    [Fact]
    public async Task Error_Any_EndsTheMessageWithTheRequestIdOfTheHeader()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("doubao", SimulatedFault.Error(LlmErrorKind.RateLimited));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches("^021[0-9a-f]{40,}$", requestId);
        var message = (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error").GetProperty("message").GetString();
        Assert.EndsWith("Request id: " + requestId, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_StreamingWithoutIncludeUsage_SendsNullUsageAndNoUsageChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = SimulatorCall.JsonEvents(events);
        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.All(chunks, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
    }

    [Fact]
    public async Task Reply_StreamingWithIncludeUsage_EndsWithAChoicesLessUsageChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { InputTokens = 156, OutputTokens = 21, CachedInputTokens = 128 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true, includeUsage: true);
        var last = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))[^1];
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("service_tier").ValueKind);
        Assert.Equal(128, last.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }
}
