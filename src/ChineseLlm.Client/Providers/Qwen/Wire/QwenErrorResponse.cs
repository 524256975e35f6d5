namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>
/// An error body in either shape DashScope uses on either endpoint (docs/protocols/qwen.md): flat <c>{"code","message","request_id"}</c>
/// or OpenAI-enveloped <c>{"error":{code,message,type},"request_id"}</c>.
/// </summary>
internal sealed class QwenErrorResponse
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? RequestId { get; set; }

    /// <summary>Some gateway errors carry an <c>id</c> instead.</summary>
    public string? Id { get; set; }

    public QwenErrorDetail? Error { get; set; }
}
