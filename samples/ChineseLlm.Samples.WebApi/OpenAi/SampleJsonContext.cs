using System.Text.Encodings.Web;
using System.Text.Json;
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
public sealed partial class SampleJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the gateway writes with: readable JSON, Chinese and <c>&lt;</c> as themselves instead of <c>\u4F60</c>
    /// and <c>\u003C</c>. The relaxed encoder is safe here: the JSON is sent as <c>application/json</c> or an event
    /// stream, never embedded in HTML.
    /// </summary>
    public static SampleJsonContext Readable => s_readable ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static SampleJsonContext? s_readable;
}
