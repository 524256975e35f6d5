namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The function a tool call names, with its arguments as JSON text.</summary>
public sealed class FunctionCallDto
{
    public string? Name { get; set; }

    public string? Arguments { get; set; }
}
