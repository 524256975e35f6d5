using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A non-streaming answer, shaped like OpenAI's <c>chat.completion</c> object.</summary>
public sealed class ChatCompletionResponse
{
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "chat.completion";

    public long Created { get; init; }

    public string? Model { get; init; }

    public required List<ChoiceDto> Choices { get; init; }

    public UsageDto? Usage { get; init; }

    /// <summary>Gets which provider answered and what it cost (an extension; OpenAI clients ignore it).</summary>
    public ChineseLlmInfoDto? Chinesellm { get; init; }
}
