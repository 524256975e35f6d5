namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>One message of a native conversation, sent in a request or returned in a non-stream choice.</summary>
internal sealed class HunyuanMessage
{
    /// <summary>Gets or sets <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the text.</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets multimodal parts (instead of <see cref="Content"/>).</summary>
    public IList<HunyuanContent>? Contents { get; set; }

    /// <summary>Gets or sets, on a <c>tool</c> message, the id of the call it answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets, on an <c>assistant</c> message, the tools it called.</summary>
    public IList<HunyuanToolCall>? ToolCalls { get; set; }

    /// <summary>Gets or sets the model's reasoning (replies only).</summary>
    /// <remarks>Quirk (tencentcloud-sdk-python <c>models.py</c>): never send it back; a request whose messages
    /// carry reasoning content is rejected.</remarks>
    public string? ReasoningContent { get; set; }
}
