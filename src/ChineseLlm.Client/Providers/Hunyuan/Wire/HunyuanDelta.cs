namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The increment one stream event adds to a choice.</summary>
internal sealed class HunyuanDelta
{
    /// <summary>Gets or sets the role (repeated on every event).</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the next piece of the answer text.</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets the next piece of the reasoning.</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Gets or sets tool-call fragments, merged by id.</summary>
    public IList<HunyuanToolCall>? ToolCalls { get; set; }
}
