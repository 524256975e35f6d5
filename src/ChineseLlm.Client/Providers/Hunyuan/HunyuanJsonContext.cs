using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Source-generated JSON for the native Hunyuan (Tencent Cloud API 3.0) wire format.</summary>
/// <remarks>
/// The wire is PascalCase, so property names are used as declared; nulls are not written. Request bodies are written
/// through <see cref="Http.WireJson"/>, so Chinese text is UTF-8 and the signed body is the readable JSON
/// (<c>{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}</c>).
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HunyuanChatCompletionsRequest))]
[JsonSerializable(typeof(HunyuanResponseEnvelope))]
[JsonSerializable(typeof(HunyuanChatCompletionsResponse))]
internal sealed partial class HunyuanJsonContext : JsonSerializerContext;
