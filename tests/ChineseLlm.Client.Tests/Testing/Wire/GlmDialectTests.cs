using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's Glm replies and errors against the vendor payloads in tests/Payloads/glm.</summary>
public sealed class GlmDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("glm");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "glm/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "glm/chat-thinking.json", nameof(FixtureShapes.Thinking), false },
        { "glm/chat-tool-call.json", nameof(FixtureShapes.ThinkingToolCall), false },
        { "glm/stream-plain.sse", nameof(FixtureShapes.Plain), false },
        { "glm/stream-tool-call.sse", nameof(FixtureShapes.ThinkingToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Glm, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("glm/error-401-1000-authentication-failed.json", LlmErrorKind.Authentication, 401)]
    [InlineData("glm/error-429-1113-insufficient-balance.json", LlmErrorKind.QuotaExceeded, 429)]
    [InlineData("glm/error-429-1302-rate-limit.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("glm/error-400-1211-model-not-found.json", LlmErrorKind.ModelNotFound, 400)]
    [InlineData("glm/error-400-1261-prompt-too-long.json", LlmErrorKind.ContextLengthExceeded, 400)]
    [InlineData("glm/error-400-1301-sensitive.json", LlmErrorKind.ContentFiltered, 400)]
    [InlineData("glm/error-400-1214-invalid-param.json", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("glm/error-500-internal.json", LlmErrorKind.ServerError, 500)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Glm, fixture, kind, (HttpStatusCode)status, "error.code");
}
