using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Source-generated JSON for the OpenAI-dialect wire types: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(List<WireContentPart>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class OpenAiCompatibleJsonContext : JsonSerializerContext;
