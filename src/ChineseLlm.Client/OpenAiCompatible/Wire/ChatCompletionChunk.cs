namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>One <c>data:</c> event of a streamed chat completion.</summary>
internal sealed class ChatCompletionChunk
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public List<WireChunkChoice>? Choices { get; set; }

    /// <summary>Whole-request usage: DeepSeek's finish chunk, or any vendor with <c>include_usage</c>.</summary>
    public WireUsage? Usage { get; set; }

    /// <summary>An error event inside a stream.</summary>
    public WireError? Error { get; set; }

    /// <summary>
    /// Top-level fields the shared shape does not name (iFlytek's <c>code</c>/<c>message</c>/<c>sid</c>, MiniMax's
    /// <c>base_resp</c>, GLM's <c>request_id</c>), for the dialect to inspect.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; set; }
}
