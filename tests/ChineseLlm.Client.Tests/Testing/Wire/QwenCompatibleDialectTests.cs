using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class QwenCompatibleDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("qwen", "compat-");

    /// <summary>Documented by DashScope's compatible-mode reference (docs/protocols/qwen.md) but absent from the compat fixtures.</summary>
    private static readonly string[] Documented =
    [
        "$.choices[].message.reasoning_content",
        "$.usage.completion_tokens_details",
        "$.usage.completion_tokens_details.reasoning_tokens",
    ];

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "qwen/compat-chat.json", nameof(FixtureShapes.Plain), false },
        { "qwen/compat-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "qwen/compat-stream-usage.sse", nameof(FixtureShapes.Plain), true },
        { "qwen/compat-stream-reasoning.sse", nameof(FixtureShapes.Thinking), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.QwenCompatible, fixture, FixtureShapes.Named(reply), Vendor, includeUsage, documentedExtras: Documented);

    [Fact]
    public Task Reply_Thinking_StaysWithinDocumentedFields() =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.QwenCompatible, "qwen/compat-chat.json", FixtureShapes.Thinking, Vendor, documentedExtras: Documented);

    [Theory]
    [InlineData("qwen/compat-error-401-invalid-api-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("qwen/compat-error-400-data-inspection.json", LlmErrorKind.ContentFiltered, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.QwenCompatible, fixture, kind, (HttpStatusCode)status, "error.code");

    [Fact]
    public async Task Reply_StreamingWithoutIncludeUsage_HasNullUsageEverywhere()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenCompatible, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = SimulatorCall.JsonEvents(events);
        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.All(chunks, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
    }

    [Fact]
    public async Task Reply_StreamingWithIncludeUsage_EndsWithAChoicesLessUsageChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { InputTokens = 22, OutputTokens = 17, CachedInputTokens = 2 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenCompatible, stream: true, includeUsage: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));
        Assert.Equal(JsonValueKind.Null, chunks[^2].GetProperty("usage").ValueKind);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(39, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(2, chunks[^1].GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }
}
