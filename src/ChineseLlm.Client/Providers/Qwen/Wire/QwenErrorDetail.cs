namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>The OpenAI-style <c>error</c> object of compatible-mode errors.</summary>
internal sealed class QwenErrorDetail
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? Type { get; set; }
}
