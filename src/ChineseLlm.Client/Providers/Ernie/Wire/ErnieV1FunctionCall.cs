namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>A v1 function call: the name and its arguments as a JSON string.</summary>
internal sealed class ErnieV1FunctionCall
{
    public string? Name { get; set; }

    public string? Arguments { get; set; }

    public string? Thoughts { get; set; }
}
