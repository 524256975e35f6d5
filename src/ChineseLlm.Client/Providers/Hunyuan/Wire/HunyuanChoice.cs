namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>One choice of an answer.</summary>
internal sealed class HunyuanChoice
{
    /// <summary>Gets or sets why generation ended: <c>stop</c>, <c>tool_calls</c>, <c>sensitive</c>; <c>""</c> while a stream runs.</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets the message of a non-stream answer.</summary>
    public HunyuanMessage? Message { get; set; }

    /// <summary>Gets or sets the increment of a stream event.</summary>
    public HunyuanDelta? Delta { get; set; }

    /// <summary>Gets or sets the choice index.</summary>
    public int? Index { get; set; }
}
