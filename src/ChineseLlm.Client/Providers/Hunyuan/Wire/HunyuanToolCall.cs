namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>A tool call the model made (whole in a message, a fragment in a stream delta).</summary>
/// <remarks>
/// Quirk (docs/protocols/hunyuan.md; tccli ChatCompletions examples): stream fragments are merged by
/// <see cref="Id"/> (later fragments repeat the id with an empty <c>Name</c>), and a documented non-stream reply
/// carries no <see cref="Id"/> at all.
/// </remarks>
internal sealed class HunyuanToolCall
{
    /// <summary>Gets or sets the call id, such as <c>call_cq154vk2c3m1v7ep3530</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the call type; only <c>function</c> exists.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the function and its arguments.</summary>
    public HunyuanToolCallFunction? Function { get; set; }

    /// <summary>Gets or sets the position of the call among the calls of one reply.</summary>
    public int? Index { get; set; }
}
