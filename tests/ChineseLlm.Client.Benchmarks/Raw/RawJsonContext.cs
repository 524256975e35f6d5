using System.Text.Json.Serialization;

namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>Source-generated JSON for the hand-written client.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RawChatRequest))]
[JsonSerializable(typeof(RawChatResponse))]
internal sealed partial class RawJsonContext : JsonSerializerContext;
