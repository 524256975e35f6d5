namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The <c>Response.Error</c> of a failed API 3.0 call.</summary>
internal sealed class HunyuanError
{
    /// <summary>Gets or sets the error code, such as <c>AuthFailure.SignatureFailure</c>.</summary>
    public string? Code { get; set; }

    /// <summary>Gets or sets the message.</summary>
    public string? Message { get; set; }
}
