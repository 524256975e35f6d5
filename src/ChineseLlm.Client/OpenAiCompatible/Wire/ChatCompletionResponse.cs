namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>A non-streaming chat completion.</summary>
internal sealed class ChatCompletionResponse
{
    public string? Id { get; set; }

    public string? Object { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public string? SystemFingerprint { get; set; }

    public List<WireChoice>? Choices { get; set; }

    public WireUsage? Usage { get; set; }

    /// <summary>Some vendors put an error object in an HTTP 200 body.</summary>
    public WireError? Error { get; set; }

    /// <summary>
    /// Top-level fields the shared shape does not name (iFlytek's <c>code</c>/<c>message</c>/<c>sid</c>, MiniMax's
    /// <c>base_resp</c>, GLM's <c>request_id</c>), for the dialect to inspect.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; set; }
}
