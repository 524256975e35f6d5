namespace ChineseLlm.Client;

/// <summary>The wire protocol a <see cref="QwenChatClient"/> speaks to Alibaba Cloud Model Studio (DashScope).</summary>
public enum QwenProtocol
{
    /// <summary>
    /// The native DashScope protocol: <c>POST {Endpoint}/services/aigc/text-generation/generation</c> (and
    /// <c>…/multimodal-generation/generation</c> for vision models), with incremental SSE streaming. The default.
    /// </summary>
    Native = 0,

    /// <summary>The OpenAI-compatible mode: <c>POST {Endpoint}/chat/completions</c> under <c>/compatible-mode/v1</c>.</summary>
    OpenAiCompatible = 1,
}
