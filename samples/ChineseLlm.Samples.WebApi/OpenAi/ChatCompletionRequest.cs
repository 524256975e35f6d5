using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The body of <c>POST /v1/chat/completions</c>: OpenAI's Chat Completions request plus the <c>tier</c> extension.</summary>
public sealed class ChatCompletionRequest
{
    /// <summary>Gets or sets the model to pin, or <c>auto</c> (or nothing) to let the router choose.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the conversation.</summary>
    public List<ChatMessageDto>? Messages { get; set; }

    /// <summary>Gets or sets the lowest quality tier the router may answer with: <c>lite</c>, <c>standard</c>, <c>advanced</c>, <c>flagship</c>.</summary>
    /// <remarks>An extension of this API; OpenAI clients send it as an extra body field.</remarks>
    public string? Tier { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? MaxTokens { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public float? FrequencyPenalty { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    /// <summary>Gets or sets a stop string or an array of them.</summary>
    public JsonElement? Stop { get; set; }

    public List<ToolDto>? Tools { get; set; }

    /// <summary>Gets or sets <c>none</c>, <c>auto</c>, <c>required</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public JsonElement? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public ResponseFormatDto? ResponseFormat { get; set; }

    public string? ReasoningEffort { get; set; }

    public string? User { get; set; }

    /// <summary>Gets or sets the fields this API does not know; they are ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
