using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's Baichuan replies and errors against the vendor payloads in tests/Payloads/baichuan.</summary>
public sealed class BaichuanDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("baichuan");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "baichuan/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "baichuan/chat-reasoning.json", nameof(FixtureShapes.Thinking), false },
        { "baichuan/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "baichuan/stream-plain.sse", nameof(FixtureShapes.Plain), false },
        { "baichuan/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Baichuan, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("baichuan/error-401-invalid-api-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("baichuan/error-429-insufficient-quota.json", LlmErrorKind.QuotaExceeded, 429)]
    [InlineData("baichuan/error-429-rate-limit.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("baichuan/error-400-sensitive.json", LlmErrorKind.ContentFiltered, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Baichuan, fixture, kind, (HttpStatusCode)status, "error.code");
}
