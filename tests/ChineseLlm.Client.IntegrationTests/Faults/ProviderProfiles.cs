using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// The provider table every reliability suite runs over. Adding a provider to all of them is adding one entry here.
/// </summary>
public static class ProviderProfiles
{
    public static IReadOnlyList<ProviderProfile> All { get; } =
    [
        new()
        {
            Key = "deepseek",
            SectionName = "DeepSeek",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain-keepalive.sse",
            ChatText = "程序功能：输入两个整数，输出它们的和。",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-deepseek-SECRET-7d1e0c9b5a3f4e21" },
            NewOptions = () => new DeepSeekOptions { ApiKey = "sk-deepseek-SECRET-7d1e0c9b5a3f4e21" },
            Build = (o, http, time, logs) => new DeepSeekChatClient((DeepSeekOptions)o, http, time, logs),
            ErrorInOkBody = (Payload.Read("deepseek", "error-401-authentication-fails.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("deepseek", "stream-plain-keepalive.sse",
                """{"error":{"message":"Rate limit reached for requests","type":"rate_limit_error","param":null,"code":"rate_limit_error"}}"""),
                LlmErrorKind.RateLimited),
            RateLimitFixture = "error-429-rate-limit.json",
            RenderChat = text => OpenAiChatWithText("deepseek", "chat-plain.json", text),
        },
        new()
        {
            Key = "kimi",
            SectionName = "Kimi",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-include-usage.sse",
            ChatText = "1+1等于2",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-kimi-SECRET-0b8f6a2d4c9e1f37" },
            NewOptions = () => new KimiOptions { ApiKey = "sk-kimi-SECRET-0b8f6a2d4c9e1f37" },
            Build = (o, http, time, logs) => new KimiChatClient((KimiOptions)o, http, time, logs),
            ErrorInOkBody = (Payload.Read("kimi", "error-429-exceeded-current-quota.json"), LlmErrorKind.QuotaExceeded),
            ErrorEventInStream = (OpenAiStreamWithError("kimi", "stream-include-usage.sse",
                """{"error":{"message":"The engine is currently overloaded, please try again later","type":"engine_overloaded_error"}}"""),
                LlmErrorKind.RateLimited),
            RateLimitFixture = "error-429-rate-limit-reached.json",
            QuotaExhausted429Fixture = "error-429-exceeded-current-quota.json",
            RenderChat = text => OpenAiChatWithText("kimi", "chat-plain.json", text),
        },
    ];

    /// <summary>The provider keys, for <c>[MemberData]</c> (test names then show the provider).</summary>
    public static TheoryData<string> Keys => [.. All.Select(p => p.Key)];

    /// <summary>The keys of providers that report an exhausted balance as HTTP 429.</summary>
    public static TheoryData<string> KeysWithQuota429 => [.. All.Where(p => p.QuotaExhausted429Fixture is not null).Select(p => p.Key)];

    public static ProviderProfile Get(string key) => All.Single(p => p.Key == key);

    /// <summary>The first data events of an OpenAI-dialect stream fixture, then <paramref name="errorJson"/> as a data event.</summary>
    private static string OpenAiStreamWithError(string folder, string file, string errorJson)
    {
        var events = FaultResponses.SplitEvents(Payload.Read(folder, file));
        var withContent = events.TakeWhile(e => !e.Contains("\"content\":\"", StringComparison.Ordinal) || e.Contains("\"content\":\"\"", StringComparison.Ordinal)).Count() + 1;
        return string.Concat(events.Take(withContent)) + "data: " + errorJson + "\n\n";
    }

    /// <summary>An OpenAI-dialect chat fixture with its answer replaced by <paramref name="text"/>.</summary>
    private static string OpenAiChatWithText(string folder, string file, string text)
    {
        var node = JsonNode.Parse(Payload.Read(folder, file).Trim())!;
        node["choices"]![0]!["message"]!["content"] = text;
        return node.ToJsonString();
    }
}
