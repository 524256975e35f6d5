namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The <c>chinesellm</c> extension of an answer: who answered, what it cost, how the router decided.</summary>
public sealed class ChineseLlmInfoDto
{
    /// <summary>Gets the provider key, such as <c>deepseek</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the cost in CNY, when the model's price is known.</summary>
    public decimal? Cost { get; init; }

    public string Currency { get; init; } = "CNY";

    /// <summary>Gets the router's decision in one line (candidates, skips, attempts).</summary>
    public string? Routing { get; init; }
}
