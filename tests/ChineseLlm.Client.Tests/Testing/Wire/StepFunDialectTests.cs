using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's StepFun replies and errors against the vendor payloads in tests/Payloads/stepfun.</summary>
public sealed class StepFunDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("stepfun");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "stepfun/chat-plain.json", nameof(FixtureShapes.Thinking), false },
        { "stepfun/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "stepfun/stream-plain.sse", nameof(FixtureShapes.Thinking), false },
        { "stepfun/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.StepFun, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("stepfun/error-401-invalid-api-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("stepfun/error-402-insufficient-balance.json", LlmErrorKind.QuotaExceeded, 402)]
    [InlineData("stepfun/error-429-rate-limit.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("stepfun/error-404-model-not-found.json", LlmErrorKind.ModelNotFound, 404)]
    [InlineData("stepfun/error-400-invalid-request.json", LlmErrorKind.InvalidRequest, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.StepFun, fixture, kind, (HttpStatusCode)status, "error.type");
}
