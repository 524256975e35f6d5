namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>The v1 (wenxinworkshop) chat body: messages plus a top-level <c>system</c> (docs/protocols/ernie.md, "v1").</summary>
internal sealed class ErnieV1Request
{
    /// <summary>Gets or sets the model; v1 names it in the URL path, not the body (not serialized).</summary>
    [JsonIgnore]
    public string Model { get; set; } = string.Empty;

    public required List<ErnieV1Message> Messages { get; set; }

    public string? System { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public float? PenaltyScore { get; set; }

    public bool? Stream { get; set; }

    public List<string>? Stop { get; set; }

    public int? MaxOutputTokens { get; set; }

    public string? ResponseFormat { get; set; }

    public List<ErnieV1Function>? Functions { get; set; }

    public string? UserId { get; set; }
}
