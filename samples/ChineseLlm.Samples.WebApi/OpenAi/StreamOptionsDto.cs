namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>Stream options: <c>include_usage</c> adds a final chunk with the usage.</summary>
public sealed class StreamOptionsDto
{
    public bool? IncludeUsage { get; set; }
}
