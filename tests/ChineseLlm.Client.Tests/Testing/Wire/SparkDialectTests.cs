using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The simulator's Spark replies and errors against the vendor payloads in tests/Payloads/spark.</summary>
public sealed class SparkDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("spark");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "spark/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "spark/chat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "spark/stream-plain.sse", nameof(FixtureShapes.Plain), false },
        { "spark/stream-tool-call.sse", nameof(FixtureShapes.ToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Spark, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("spark/error-10005-invalid-model.json", LlmErrorKind.ModelNotFound, 400, "error.code")]
    [InlineData("spark/error-11200-app-id-no-auth.json", LlmErrorKind.PermissionDenied, 401, "error.code")]
    [InlineData("spark/error-200-10013-input-moderation.json", LlmErrorKind.ContentFiltered, 200, "code")]
    [InlineData("spark/error-200-10907-too-long.json", LlmErrorKind.ContextLengthExceeded, 200, "code")]
    [InlineData("spark/error-200-11201-daily-limit.json", LlmErrorKind.QuotaExceeded, 200, "code")]
    [InlineData("spark/error-200-11202-qps-limit.json", LlmErrorKind.RateLimited, 200, "code")]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status, string codePath) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Spark, fixture, kind, (HttpStatusCode)status, codePath);
}
