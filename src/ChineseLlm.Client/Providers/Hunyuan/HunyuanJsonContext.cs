using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Source-generated JSON for the native Hunyuan (Tencent Cloud API 3.0) wire format.</summary>
/// <remarks>The wire is PascalCase, so property names are used as declared; nulls are not written.</remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HunyuanChatCompletionsRequest))]
[JsonSerializable(typeof(HunyuanResponseEnvelope))]
[JsonSerializable(typeof(HunyuanChatCompletionsResponse))]
internal sealed partial class HunyuanJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets the context request bodies are written with: like <see cref="Default"/>, but Chinese text is written as
    /// UTF-8 instead of <c>\uXXXX</c> escapes, so the signed body is the readable JSON the protocol file's worked
    /// example signs (<c>{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}</c>).
    /// </summary>
    /// <remarks>The relaxed encoder only matters for embedding JSON in HTML; a request body is never embedded.</remarks>
    public static HunyuanJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
