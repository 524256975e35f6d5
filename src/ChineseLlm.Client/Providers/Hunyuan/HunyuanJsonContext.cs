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
}
