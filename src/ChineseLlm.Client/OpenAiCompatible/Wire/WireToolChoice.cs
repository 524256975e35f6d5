namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
[JsonConverter(typeof(WireToolChoiceConverter))]
internal sealed class WireToolChoice
{
    public static readonly WireToolChoice Auto = new("auto", null);
    public static readonly WireToolChoice None = new("none", null);
    public static readonly WireToolChoice Required = new("required", null);

    private WireToolChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    public string? Mode { get; }

    public string? FunctionName { get; }

    public static WireToolChoice Function(string name) => new(null, name);
}
