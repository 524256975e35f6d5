namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>
/// A native response body, one SSE event of a stream, or a flat error (<c>{"code","message","request_id"}</c>), which
/// arrives with an HTTP error status or inside an <c>event:error</c> frame of a 200 stream.
/// </summary>
/// <remarks>Quirk (docs/protocols/qwen.md): the docs' <c>status_code</c>/<c>code</c>/<c>message</c> on success are Python-SDK fields, not wire fields.</remarks>
internal sealed class QwenGenerationResponse
{
    public QwenOutput? Output { get; set; }

    public QwenUsage? Usage { get; set; }

    public string? RequestId { get; set; }

    /// <summary>Error code, such as <c>Throttling.RateQuota</c>; absent on success.</summary>
    public string? Code { get; set; }

    /// <summary>Error message; absent on success.</summary>
    public string? Message { get; set; }
}
