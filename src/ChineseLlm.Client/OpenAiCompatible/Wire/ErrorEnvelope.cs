namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"error":{…}}</c>, plus the top-level request id some vendors add (ERNIE v2 <c>id</c>).</summary>
internal sealed class ErrorEnvelope
{
    public WireError? Error { get; set; }

    public string? Id { get; set; }

    public string? RequestId { get; set; }
}
