namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>
/// A <c>ChatCompletions</c> answer: the content of the <c>Response</c> envelope of a non-stream call, or the JSON of
/// one stream event (which has no envelope and no <see cref="RequestId"/>).
/// </summary>
internal sealed class HunyuanChatCompletionsResponse
{
    /// <summary>Gets or sets the request id (non-stream answers and errors; a stream has it in <c>X-TC-RequestId</c>).</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the error, when the call failed (HTTP 200 nevertheless).</summary>
    public HunyuanError? Error { get; set; }

    /// <summary>Gets or sets the disclaimer the service attaches to every answer.</summary>
    public string? Note { get; set; }

    /// <summary>Gets or sets the completion id (the request id in practice).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the creation time, unix seconds.</summary>
    public long? Created { get; set; }

    /// <summary>Gets or sets the choices.</summary>
    public IList<HunyuanChoice>? Choices { get; set; }

    /// <summary>Gets or sets the token usage; in a stream it is running (each event carries the total so far).</summary>
    public HunyuanUsage? Usage { get; set; }

    /// <summary>Gets or sets an error that happened during a stream.</summary>
    public HunyuanErrorMsg? ErrorMsg { get; set; }

    /// <summary>Gets or sets the multi-turn moderation level (<c>"1"</c> means: end this conversation).</summary>
    public string? ModerationLevel { get; set; }
}
