using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChineseLlm.Client;

/// <summary>Source-generated JSON for test code (reflection-based serialization is off in tests).</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(object))]
internal sealed partial class TestJson : JsonSerializerContext;
