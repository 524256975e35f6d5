namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>The body of <c>POST {endpoint}/chat/completions</c> in the OpenAI dialect the vendors share.</summary>
internal sealed class ChatCompletionRequest
{
    public required string Model { get; set; }

    public required List<WireMessage> Messages { get; set; }

    public bool? Stream { get; set; }

    public WireStreamOptions? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    /// <summary>DeepSeek (and most vendors) name the output cap <c>max_tokens</c>.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Kimi names it <c>max_completion_tokens</c> (<c>max_tokens</c> is deprecated there).</summary>
    public int? MaxCompletionTokens { get; set; }

    public List<string>? Stop { get; set; }

    public long? Seed { get; set; }

    public float? FrequencyPenalty { get; set; }

    public float? PresencePenalty { get; set; }

    public WireResponseFormat? ResponseFormat { get; set; }

    public List<WireTool>? Tools { get; set; }

    public WireToolChoice? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public WireThinking? Thinking { get; set; }

    public string? ReasoningEffort { get; set; }

    /// <summary>The boolean thinking switch of Qwen (compatible mode), ERNIE v2 and Hunyuan: <c>enable_thinking</c>.</summary>
    public bool? EnableThinking { get; set; }

    /// <summary>Documented vendor fields passed through from <c>ChatOptions.AdditionalProperties</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
