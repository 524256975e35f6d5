namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>An error reported inside a stream event (<c>ErrorMsg</c>).</summary>
/// <remarks>The SDK documents code 4000 (internal error) and 4001 (model timeout).</remarks>
internal sealed class HunyuanErrorMsg
{
    /// <summary>Gets or sets the message.</summary>
    public string? Msg { get; set; }

    /// <summary>Gets or sets the numeric code.</summary>
    public long? Code { get; set; }
}
