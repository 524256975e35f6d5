using System.Text.Json;
using System.Text.Json.Serialization;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers.DeepSeek;

/// <summary>
/// DeepSeek's JSON Output rule (docs/protocols/deepseek.md, "JSON Output"): <c>response_format: json_object</c> is refused
/// with 400 unless a system or user message contains the word "json". The stub enforces that rule over HTTP, answering
/// the vendor's 400 (tests/Payloads/deepseek/error-400-json-word-missing.json) when it is broken and the JSON answer
/// (chat-json-output.json) when it is kept.
/// </summary>
public sealed class DeepSeekJsonOutputTests : IDisposable
{
    private const string ApiKey = "sk-deepseek-json-test-7d1e";

    private readonly WireMockServer _server = WireMockServer.Start();

    public DeepSeekJsonOutputTests()
    {
        _server.Given(Request.Create().UsingPost().WithPath("/chat/completions").WithBody((string? body) => BreaksJsonRule(body)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ds-trace-id", "json-rule-broken").WithBody(Payload.Read("deepseek", "error-400-json-word-missing.json")));
        _server.Given(Request.Create().UsingPost().WithPath("/chat/completions"))
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ds-trace-id", "json-ok").WithBody(Payload.Read("deepseek", "chat-json-output.json")));
    }

    [Fact]
    public async Task GetResponseAsyncOfT_PromptWithoutTheWordJson_SendsJsonObjectWithASchemaInstructionAndParses()
    {
        using var client = CreateClient();

        var response = await client.GetResponseAsync<RiverAnswer>(
            [new(ChatRole.User, "Which is the longest river in the world? The Nile River.")], RiverAnswerJsonContext.Default.Options);

        Assert.Equal("The Nile River", response.Result.Answer);
        Assert.Equal("Which is the longest river in the world?", response.Result.Question);
        var sent = SentBody();
        Assert.Equal("json_object", sent.GetProperty("response_format").GetProperty("type").GetString());
        Assert.False(sent.GetProperty("response_format").TryGetProperty("json_schema", out _));
        var messages = sent.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        var instruction = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("JSON", instruction, StringComparison.Ordinal);
        Assert.Contains("\"question\"", instruction, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"answer\"", instruction, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Which is the longest river in the world? The Nile River.", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_JsonFormatAndSystemMessageWithoutJson_AppendsTheInstructionToThatSystemMessage()
    {
        using var client = CreateClient();

        var response = await client.GetResponseAsync(
            [new(ChatRole.System, "You parse exam text."), new(ChatRole.User, "Which is the longest river in the world? The Nile River.")],
            new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Contains("The Nile River", response.Text, StringComparison.Ordinal);
        var messages = SentBody().GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.StartsWith("You parse exam text.", system, StringComparison.Ordinal);
        Assert.Contains("JSON", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_JsonFormatAndPromptAlreadySaysJson_SendsThePromptUnchanged()
    {
        using var client = CreateClient();
        const string prompt = "Parse the question and the answer and output them in json: Which is the longest river? The Nile River.";

        await client.GetResponseAsync([new(ChatRole.User, prompt)], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        var messages = SentBody().GetProperty("messages");
        var only = Assert.Single(messages.EnumerateArray());
        Assert.Equal(prompt, only.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_NoResponseFormat_AddsNoInstruction()
    {
        using var client = CreateClient();

        await client.GetResponseAsync([new(ChatRole.User, "hello")]);

        var sent = SentBody();
        Assert.Single(sent.GetProperty("messages").EnumerateArray());
        Assert.False(sent.TryGetProperty("response_format", out _));
    }

    public void Dispose() => _server.Dispose();

    /// <summary>The vendor's documented rule: json_object needs "json" somewhere in the system or user messages.</summary>
    private static bool BreaksJsonRule(string? body)
    {
        if (body is null)
        {
            return false;
        }

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (!root.TryGetProperty("response_format", out var format) || format.GetProperty("type").GetString() != "json_object")
        {
            return false;
        }

        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (role is "system" or "user" && message.TryGetProperty("content", out var content) &&
                content.ValueKind == JsonValueKind.String && content.GetString()!.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private JsonElement SentBody() => JsonDocument.Parse(Assert.Single(_server.LogEntries).RequestMessage.Body!).RootElement;

    private DeepSeekChatClient CreateClient() =>
        new(new DeepSeekOptions { ApiKey = ApiKey, Endpoint = new Uri(_server.Url!), MaxRetryAttempts = 0 });

}

/// <summary>The structured result the test asks for.</summary>
internal sealed record RiverAnswer(string Question, string Answer);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RiverAnswer))]
internal sealed partial class RiverAnswerJsonContext : JsonSerializerContext;
