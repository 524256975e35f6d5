using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
public sealed class ModelListResponse
{
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "list";

    public required List<ModelDto> Data { get; init; }
}
