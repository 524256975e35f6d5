namespace ChineseLlm.Client.Testing;

/// <summary>
/// The wire protocols <see cref="ProviderSimulatorHandler"/> speaks: one per provider endpoint family.
/// </summary>
/// <remarks>
/// Several protocols belong to one provider: Qwen has its DashScope native protocol and its OpenAI-compatible mode,
/// ERNIE has Qianfan v2 and the legacy v1 (OAuth) API, Hunyuan has the Tencent Cloud API 3.0 native protocol and an
/// OpenAI-compatible endpoint. <see cref="SimulatedRequest.Provider"/> carries the provider key.
/// </remarks>
public enum SimulatedProtocol
{
    /// <summary>DeepSeek: <c>POST {base}/chat/completions</c>, OpenAI dialect, <c>: keep-alive</c> comments, usage on the finish chunk.</summary>
    DeepSeek,

    /// <summary>Moonshot Kimi: <c>POST {base}/chat/completions</c>, OpenAI dialect, stream usage inside <c>choices[0]</c>.</summary>
    Kimi,

    /// <summary>Qwen DashScope native: <c>POST {base}/services/aigc/text-generation/generation</c>, <c>X-DashScope-SSE</c> streams without <c>[DONE]</c>.</summary>
    QwenNative,

    /// <summary>Qwen OpenAI-compatible mode: <c>POST {base}/compatible-mode/v1/chat/completions</c>.</summary>
    QwenCompatible,

    /// <summary>ERNIE on Qianfan v2: <c>POST {base}/v2/chat/completions</c>, OpenAI dialect with a <c>flag</c> safety field.</summary>
    ErnieV2,

    /// <summary>ERNIE legacy v1: OAuth <c>/oauth/2.0/token</c> and <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{model}</c>, errors inside HTTP 200.</summary>
    ErnieV1,

    /// <summary>Doubao on Volcengine Ark: <c>POST {base}/api/v3/chat/completions</c>, OpenAI dialect with Ark error codes.</summary>
    Doubao,

    /// <summary>Hunyuan native (Tencent Cloud API 3.0): <c>POST /</c> with <c>X-TC-Action: ChatCompletions</c>, PascalCase, errors inside HTTP 200.</summary>
    HunyuanNative,

    /// <summary>Hunyuan OpenAI-compatible endpoint: <c>POST {base}/v1/chat/completions</c> with a bearer API key.</summary>
    HunyuanCompatible,

    /// <summary>Zhipu GLM: <c>POST {base}/chat/completions</c> (base <c>…/api/paas/v4</c>), OpenAI dialect with numeric business error codes.</summary>
    Glm,

    /// <summary>Baichuan: <c>POST {base}/chat/completions</c>, OpenAI dialect with <c>data:</c> lines without the space and <c>finish_reason:""</c> while streaming.</summary>
    Baichuan,

    /// <summary>01.AI Yi: <c>POST {base}/chat/completions</c>, plain OpenAI dialect.</summary>
    Yi,

    /// <summary>StepFun: <c>POST {base}/chat/completions</c>, OpenAI dialect with a top-level <c>cached_tokens</c>.</summary>
    StepFun,

    /// <summary>iFlytek Spark over HTTP: <c>POST {base}/chat/completions</c>, OpenAI dialect with a top-level <c>code</c>/<c>message</c>/<c>sid</c> and business errors inside HTTP 200.</summary>
    Spark,

    /// <summary>MiniMax's OpenAI route: <c>POST {base}/chat/completions</c>, with <c>base_resp</c>, moderation flags, <c>reasoning_details</c> and every error inside HTTP 200.</summary>
    MiniMax,

    /// <summary>Huawei Pangu (ModelArts Studio) OpenAI-format route: <c>POST {endpoint}/chat/completions</c>, vLLM-style bodies and flat <c>error_code</c>/<c>error_msg</c> errors.</summary>
    Pangu,
}
