using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.StepFun;

/// <summary>
/// StepFun's (阶跃星辰) dialect: plain OpenAI Chat Completions with the DeepSeek reasoning field on request
/// (facts: docs/protocols/stepfun.md). Errors use the OpenAI envelope and are classified by status, then OpenAI's types.
/// </summary>
internal sealed class StepFunDialect() : OpenAiCompatibleDialect(
    "stepfun", new("https://api.stepfun.com/v1"), "step-3.7-flash",
    requestIdHeaders: ["X-Request-Id"],
    passThroughFields: ["reasoning_effort", "reasoning_format"],
    // The vendor's official or recommended client is openai-python (docs/protocols/stepfun.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly StepFunDialect Instance = new();

    private static readonly System.Text.Json.JsonElement DeepSeekStyle = WireMapping.ToJsonElement("deepseek-style");

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // docs/protocols/stepfun.md: reasoning comes as `reasoning` unless asked for as DeepSeek's `reasoning_content`.
        (request.AdditionalFields ??= new(StringComparer.Ordinal))["reasoning_format"] = DeepSeekStyle;

        // step-3.7-flash has three reasoning efforts: low, medium, high.
        request.ReasoningEffort = options?.Reasoning?.Effort switch
        {
            ReasoningEffort.Low => "low",
            ReasoningEffort.Medium => "medium",
            ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
            _ => null,
        };
    }
}
