using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Hunyuan's OpenAI-compatible endpoint (facts: docs/protocols/hunyuan.md, "Compatible endpoint").</summary>
internal sealed class HunyuanCompatibleDialect() : OpenAiCompatibleDialect(
    "hunyuan", new("https://api.hunyuan.cloud.tencent.com/v1"), HunyuanNativeProtocol.DefaultModel,
    requestIdHeaders: [HunyuanErrorMapper.RequestIdHeader],
    // Hunyuan's documented extras, in snake_case on this endpoint.
    passThroughFields:
    [
        "enable_enhancement", "citation", "search_info", "enable_speed_search", "enable_multimedia",
        "enable_deep_search", "force_search_enhancement", "enable_recommended_questions", "enable_deep_read",
        "enable_thinking", "stream_moderation", "topic_choice", "web_search_options", "n", "user",
    ])
{
    public static readonly HunyuanCompatibleDialect Instance = new();

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // Quirk (tencentcloud-sdk-python models.py, Message.ReasoningContent): a request whose messages carry the
        // earlier reasoning is rejected, so it is never sent back.
        foreach (var message in request.Messages)
        {
            message.ReasoningContent = null;
        }
    }

    /// <summary>Quirk (OpenManus#894 capture): the request id is <c>error.id</c> inside the error object.</summary>
    protected override string? GetRequestId(WireError error) => error.Id;
}
