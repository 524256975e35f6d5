namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>A v1 response body or stream event (docs/protocols/ernie.md); errors arrive in the same HTTP 200 shape (docs/protocols/ernie.md).</summary>
internal sealed class ErnieV1Response
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public int? SentenceId { get; set; }

    public bool? IsEnd { get; set; }

    public bool? IsTruncated { get; set; }

    public string? Result { get; set; }

    public bool? NeedClearHistory { get; set; }

    public int? BanRound { get; set; }

    public int? Flag { get; set; }

    public string? FinishReason { get; set; }

    public ErnieV1FunctionCall? FunctionCall { get; set; }

    public ErnieV1Usage? Usage { get; set; }

    /// <summary>The documented error field.</summary>
    public long? ErrorCode { get; set; }

    public string? ErrorMsg { get; set; }

    /// <summary>The rate-limit page's spelling of the same error (docs/protocols/ernie.md): accept both.</summary>
    public long? Code { get; set; }

    public string? Msg { get; set; }
}
