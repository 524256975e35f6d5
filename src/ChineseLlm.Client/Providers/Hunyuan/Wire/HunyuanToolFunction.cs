namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>A function declaration.</summary>
internal sealed class HunyuanToolFunction
{
    /// <summary>Gets or sets the name (a-z, A-Z, 0-9, <c>_</c>, <c>-</c>).</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets the JSON schema of the parameters.</summary>
    /// <remarks>Quirk (tencentcloud-sdk-python <c>models.py</c> <c>ToolFunction.Parameters: str</c>): the schema
    /// travels as a JSON <em>string</em>, not as a JSON object as in the OpenAI dialect.</remarks>
    public required string Parameters { get; set; }

    /// <summary>Gets or sets what the function does.</summary>
    public string? Description { get; set; }
}
