using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>Source-generated JSON for the OpenAI-compatible wire format: snake_case names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ContentPartDto))]
[JsonSerializable(typeof(List<ContentPartDto>))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelListResponse))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
