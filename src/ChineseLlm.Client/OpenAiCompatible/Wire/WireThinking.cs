namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"type":"enabled"|"disabled"|"auto"}</c>: the thinking switch of DeepSeek V4, Kimi K2.x, Doubao Seed, GLM.</summary>
internal sealed class WireThinking
{
    public required string Type { get; set; }
}
