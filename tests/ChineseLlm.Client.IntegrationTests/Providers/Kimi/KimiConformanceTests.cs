using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Kimi;

public sealed class KimiConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "kimi";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    protected override string RequestIdHeader => "msh-request-id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        " 你好，李雷！1+1等于2。如果你有其他问题，请随时提问！",
        ExpectedReasoning: null,
        ModelId: "moonshot-v1-8k",
        ResponseId: "cmpl-04ea926191a14749b7f2c7a48a68abc6",
        InputTokens: 19,
        OutputTokens: 21,
        CachedInputTokens: 10,
        ReasoningTokens: null);

    /// <summary>include_usage: per-choice usage and a top-level total; counted once.</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "stream-include-usage.sse",
        "你好！有什么可以帮你？",
        ExpectedReasoning: null,
        ModelId: "kimi-k2.6",
        ResponseId: "chatcmpl-9f0b7d2e41a34c6b",
        InputTokens: 19,
        OutputTokens: 13,
        CachedInputTokens: 12,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "get_weather:0", "get_weather", "city", "北京",
        "用户想知道北京今天的天气，我需要调用 get_weather 工具，参数 city=北京。");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-thinking-tool-call.sse", "get_weather:0", "get_weather", "city", "北京",
        "用户想知道北京的天气，需要调用 get_weather。");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-content-filter.json", 400, LlmErrorKind.ContentFiltered, "content_filter"),
        new("error-400-fixed-temperature.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-400-reasoning-content-missing.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-401-invalid-authentication.json", 401, LlmErrorKind.Authentication, "invalid_authentication_error"),
        new("error-404-model-not-found.json", 404, LlmErrorKind.ModelNotFound, "resource_not_found_error"),
        new("error-429-account-suspended.json", 429, LlmErrorKind.QuotaExceeded, "exceeded_current_quota_error"),
        new("error-429-engine-overloaded.json", 429, LlmErrorKind.RateLimited, "engine_overloaded_error"),
        new("error-429-exceeded-current-quota.json", 429, LlmErrorKind.QuotaExceeded, "exceeded_current_quota_error"),
        new("error-429-rate-limit-reached.json", 429, LlmErrorKind.RateLimited, "rate_limit_reached_error"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new KimiOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new KimiChatClient(options);
    }
}
