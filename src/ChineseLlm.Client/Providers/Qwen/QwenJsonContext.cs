using ChineseLlm.Client.Providers.Qwen.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Source-generated JSON for the native DashScope wire types: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(QwenGenerationRequest))]
[JsonSerializable(typeof(QwenGenerationResponse))]
[JsonSerializable(typeof(QwenErrorResponse))]
[JsonSerializable(typeof(List<QwenContentPart>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class QwenJsonContext : JsonSerializerContext;
