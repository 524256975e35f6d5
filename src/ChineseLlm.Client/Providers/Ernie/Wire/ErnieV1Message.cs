namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>A v1 message: <c>user</c>, <c>assistant</c> or <c>function</c> (no <c>system</c> role in v1).</summary>
internal sealed class ErnieV1Message
{
    public required string Role { get; set; }

    public required string Content { get; set; }

    public string? Name { get; set; }

    public ErnieV1FunctionCall? FunctionCall { get; set; }
}
