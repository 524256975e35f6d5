namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"error":{…}}</c>, plus the top-level request id some vendors add (ERNIE v2 <c>id</c>).</summary>
internal sealed class ErrorEnvelope
{
    public WireError? Error { get; set; }

    public string? Id { get; set; }

    public string? RequestId { get; set; }

    /// <summary>Other top-level fields: vendors whose error body is not <c>{"error":{…}}</c> (Huawei's <c>error_code</c>/<c>error_msg</c>, MiniMax's <c>base_resp</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; set; }
}
