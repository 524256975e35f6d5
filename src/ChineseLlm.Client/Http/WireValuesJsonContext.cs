namespace ChineseLlm.Client.Http;

/// <summary>Source-generated JSON for the primitive pass-through values of <see cref="WireMapping.ToJsonElement"/>.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
internal sealed partial class WireValuesJsonContext : JsonSerializerContext;
