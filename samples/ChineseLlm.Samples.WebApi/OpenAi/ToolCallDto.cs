namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A tool call, in a response message, a request's assistant turn or (with <see cref="Index"/>) a stream delta.</summary>
public sealed class ToolCallDto
{
    public int? Index { get; set; }

    public string? Id { get; set; }

    public string? Type { get; set; }

    public FunctionCallDto? Function { get; set; }
}
