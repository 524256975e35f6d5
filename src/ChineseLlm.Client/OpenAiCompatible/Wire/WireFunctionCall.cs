namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireFunctionCall
{
    public string? Name { get; set; }

    /// <summary>A JSON document in a string; streamed fragments are not valid JSON until joined.</summary>
    public string? Arguments { get; set; }
}
