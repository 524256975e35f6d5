using ChineseLlm.Client.Providers.Ernie.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>Source-generated JSON for the ERNIE v1 wire types: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ErnieV1Request))]
[JsonSerializable(typeof(ErnieV1Response))]
[JsonSerializable(typeof(ErnieOAuthToken))]
internal sealed partial class ErnieJsonContext : JsonSerializerContext;
