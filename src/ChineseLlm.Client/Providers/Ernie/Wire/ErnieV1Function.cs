namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>A v1 function declaration (<c>functions[]</c>).</summary>
internal sealed class ErnieV1Function
{
    public required string Name { get; set; }

    public required string Description { get; set; }

    public JsonElement? Parameters { get; set; }
}
