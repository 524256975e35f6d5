using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's MiniMax replies and errors against the vendor payloads in tests/Payloads/minimax.</summary>
public sealed class MiniMaxDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("minimax");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "minimax/chat-reasoning-details.json", nameof(FixtureShapes.Thinking), false },
        { "minimax/chat-tool-call.json", nameof(FixtureShapes.ThinkingToolCall), false },
        { "minimax/stream-reasoning-details.sse", nameof(FixtureShapes.Thinking), true },
        { "minimax/stream-tool-call.sse", nameof(FixtureShapes.ThinkingToolCall), true },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.MiniMax, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("minimax/error-200-1004-auth-failed.json", LlmErrorKind.Authentication)]
    [InlineData("minimax/error-200-1002-rate-limit.json", LlmErrorKind.RateLimited)]
    [InlineData("minimax/error-200-1008-insufficient-balance.json", LlmErrorKind.QuotaExceeded)]
    [InlineData("minimax/error-200-1013-internal.json", LlmErrorKind.ServerError)]
    [InlineData("minimax/error-200-1026-input-sensitive.json", LlmErrorKind.ContentFiltered)]
    [InlineData("minimax/error-200-1039-token-limit.json", LlmErrorKind.ContextLengthExceeded)]
    [InlineData("minimax/error-200-2061-plan-model.json", LlmErrorKind.PermissionDenied)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.MiniMax, fixture, kind, HttpStatusCode.OK, "base_resp.status_code");
}
