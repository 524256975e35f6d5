using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's Yi replies and errors against the vendor payloads in tests/Payloads/yi.</summary>
public sealed class YiDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("yi");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "yi/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "yi/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "yi/stream-plain.sse", nameof(FixtureShapes.Plain), false },
        { "yi/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Yi, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("yi/error-401-invalid-api-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("yi/error-429-insufficient-quota.json", LlmErrorKind.QuotaExceeded, 429)]
    [InlineData("yi/error-429-rate-limit.json", LlmErrorKind.RateLimited, 429)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Yi, fixture, kind, (HttpStatusCode)status, "error.code");
}
