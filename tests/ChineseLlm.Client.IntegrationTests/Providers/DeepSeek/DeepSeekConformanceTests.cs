using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.DeepSeek;

public sealed class DeepSeekConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "deepseek";

    protected override string ExpectedPath => "/chat/completions";

    protected override string RequestIdHeader => "x-ds-trace-id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "```c\n#include <stdio.h>\n\nint main() {\n    int a, b;\n    scanf(\"%d%d\", &a, &b);\n    printf(\"%d\\n\", a + b);\n    return 0;\n}\n```\n\n程序功能：输入两个整数，输出它们的和。",
        ExpectedReasoning: null,
        ModelId: "deepseek-chat",
        ResponseId: "73d174f2-b88f-41f4-878f-7084fcccc19e",
        InputTokens: 324,
        OutputTokens: 58,
        CachedInputTokens: 192,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain-keepalive.sse",
        "你好！有什么可以帮你的吗？",
        ExpectedReasoning: null,
        ModelId: "deepseek-chat",
        ResponseId: "e3420702-e3c5-4a1c-b39f-4de7f126bd24",
        InputTokens: 9,
        OutputTokens: 11,
        CachedInputTokens: 0,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_00_IhCAliIHtM9gKpgfqbBV9873", "weather", "location", "San Francisco",
        "The user asks about the weather in San Francisco. I should use the weather tool.");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-thinking-tool-call.sse", "call_00_IhCAliIHtM9gKpgfqbBV9873", "weather", "location", "San Francisco",
        "The user asks about the weather in San Francisco. I should use the weather tool.");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-developer-role.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-400-json-word-missing.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-400-model-not-exist.json", 400, LlmErrorKind.ModelNotFound, "invalid_request_error"),
        new("error-400-reasoning-content-missing.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-401-authentication-fails.json", 401, LlmErrorKind.Authentication, "authentication_error"),
        new("error-402-insufficient-balance.json", 402, LlmErrorKind.QuotaExceeded, "unknown_error"),
        new("error-422-invalid-parameters.json", 422, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-429-rate-limit.json", 429, LlmErrorKind.RateLimited, "rate_limit_error"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new DeepSeekOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new DeepSeekChatClient(options);
    }
}
