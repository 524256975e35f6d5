using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// Compares what the simulator sends with the vendor fixtures in <c>tests/Payloads</c>: every field a fixture has must be
/// sent with the same JSON kind, and every field sent must appear in some fixture of that protocol (or be a documented extra).
/// </summary>
internal static class FixtureShapes
{
    public static readonly SimulatedReply Plain = new() { Text = "1+1 等于 2。这是最基本的加法。" };

    public static readonly SimulatedReply Thinking = new() { Text = "9.11 比 9.8 小。", Reasoning = "比较 9.11 和 9.8：小数部分 0.11 < 0.80。" };

    public static readonly SimulatedReply ToolCall = new()
    {
        Text = string.Empty,
        ToolCalls = [new SimulatedToolCall("get_weather", SimulatorCall.WeatherArguments)],
    };

    public static readonly SimulatedReply ThinkingToolCall = new()
    {
        Text = string.Empty,
        Reasoning = "用户想知道北京的天气，需要调用 get_weather。",
        ToolCalls = [new SimulatedToolCall("get_weather", SimulatorCall.WeatherArguments)],
    };

    public static SimulatedReply Named(string name) => name switch
    {
        nameof(Plain) => Plain,
        nameof(Thinking) => Thinking,
        nameof(ToolCall) => ToolCall,
        nameof(ThinkingToolCall) => ThinkingToolCall,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The union of the shapes of every response fixture whose name starts with <paramref name="prefix"/> in a provider folder.</summary>
    public static JsonShape VendorShape(string folder, string prefix = "")
    {
        var docs = new List<JsonElement>();
        foreach (var file in Directory.EnumerateFiles(SimulatorCall.FixturePath(folder)))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.StartsWith("request-", StringComparison.Ordinal)
                || name is "balance.json" or "models.json" or "estimate-token-count.json")
            {
                continue;
            }

            var relative = Path.Combine(folder, name);
            if (name.EndsWith(".sse", StringComparison.Ordinal))
            {
                docs.AddRange(SimulatorCall.JsonEvents(SimulatorCall.ReadFixtureEvents(relative)));
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                docs.Add(SimulatorCall.ReadFixtureJson(relative));
            }
        }

        return JsonShape.Of(docs);
    }

    /// <summary>Sends <paramref name="reply"/> through the simulator and asserts its shape against one fixture.</summary>
    public static async Task AssertReplyMatchesAsync(
        SimulatedProtocol protocol,
        string fixture,
        SimulatedReply reply,
        JsonShape vendorShape,
        bool includeUsage = false,
        bool qwenTextFormat = false,
        params string[] documentedExtras)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(DateTimeOffset.Parse("2026-10-01T08:00:00Z")));
        simulator.SetReply(reply);
        var stream = fixture.EndsWith(".sse", StringComparison.Ordinal);
        using var response = await SimulatorCall.SendChatAsync(
            simulator, protocol, stream, includeUsage, tools: reply.ToolCalls.Count > 0, qwenTextFormat: qwenTextFormat);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        JsonShape sent;
        JsonShape expected;
        if (stream)
        {
            Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            sent = JsonShape.Of(SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response)));
            expected = JsonShape.Of(SimulatorCall.JsonEvents(SimulatorCall.ReadFixtureEvents(fixture)));
        }
        else
        {
            sent = JsonShape.Of(await SimulatorCall.ReadJsonAsync(response));
            expected = JsonShape.Of(SimulatorCall.ReadFixtureJson(fixture));
        }

        JsonShape.AssertCovers(expected, sent, $"{protocol} reply vs {fixture}");
        JsonShape.AssertWithin(sent, vendorShape, documentedExtras, $"{protocol} reply for {fixture}");
    }

    /// <summary>
    /// Sends the simulator's error for <paramref name="kind"/> and asserts the status, the shape of the fixture, and that
    /// the vendor code at <paramref name="codePath"/> (dot path) is the fixture's.
    /// </summary>
    public static async Task AssertErrorMatchesAsync(
        SimulatedProtocol protocol,
        string fixture,
        LlmErrorKind kind,
        HttpStatusCode expectedStatus,
        string codePath,
        bool stream = false)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        simulator.Enqueue(SimulatedFault.Error(kind));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, stream);
        Assert.Equal(expectedStatus, response.StatusCode);

        JsonElement sent;
        JsonElement expected;
        if (fixture.EndsWith(".sse", StringComparison.Ordinal))
        {
            var events = await SimulatorCall.ReadEventsAsync(response);
            var fixtureEvents = SimulatorCall.ReadFixtureEvents(fixture);
            Assert.Equal(fixtureEvents.Select(e => e.EventType), events.Select(e => e.EventType));
            sent = SimulatorCall.JsonEvents(events).Single();
            expected = SimulatorCall.JsonEvents(fixtureEvents).Single();
        }
        else
        {
            sent = await SimulatorCall.ReadJsonAsync(response);
            expected = SimulatorCall.ReadFixtureJson(fixture);
        }

        var sentShape = JsonShape.Of(sent);
        var expectedShape = JsonShape.Of(expected);
        JsonShape.AssertCovers(expectedShape, sentShape, $"{protocol} {kind} error vs {fixture}");
        JsonShape.AssertCovers(sentShape, expectedShape, $"{fixture} vs {protocol} {kind} error");
        Assert.Equal(ValueAt(expected, codePath), ValueAt(sent, codePath));
    }

    public static string? ValueAt(JsonElement element, string dotPath)
    {
        foreach (var name in dotPath.Split('.'))
        {
            element = element.GetProperty(name);
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }
}
