using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>One SSE event of a streaming answer, shaped like OpenAI's <c>chat.completion.chunk</c> object.</summary>
public sealed class ChatCompletionChunk
{
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "chat.completion.chunk";

    public long Created { get; init; }

    public string? Model { get; init; }

    public required List<ChunkChoiceDto> Choices { get; init; }

    public UsageDto? Usage { get; init; }

    /// <summary>Gets, on the last chunk, which provider answered and what it cost.</summary>
    public ChineseLlmInfoDto? Chinesellm { get; init; }
}
