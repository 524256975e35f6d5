using System.Text.Json.Serialization;

namespace ChineseLlm.Client.BadInput;

/// <summary>Source-generated JSON for the fuzz generators (reflection is off in the test projects).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class BadInputJsonContext : JsonSerializerContext;
