using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's Pangu replies and errors against the vendor payloads in tests/Payloads/pangu.</summary>
public sealed class PanguDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("pangu");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "pangu/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "pangu/chat-reasoning.json", nameof(FixtureShapes.Thinking), false },
        { "pangu/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "pangu/stream-plain.sse", nameof(FixtureShapes.Plain), true },
        { "pangu/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), true },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Pangu, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("pangu/error-401-pangu-0011-auth-failed.json", LlmErrorKind.Authentication, 401)]
    [InlineData("pangu/error-429-apig-0308-throttled.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("pangu/error-500-pangu-0001-unknown.json", LlmErrorKind.ServerError, 500)]
    [InlineData("pangu/error-400-pangu-0010-parameter-illegal.json", LlmErrorKind.InvalidRequest, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Pangu, fixture, kind, (HttpStatusCode)status, "error_code");
}
