namespace ChineseLlm.Client;

/// <summary>Options of the Qwen provider (Alibaba Cloud Model Studio, DashScope), bound from <c>ChineseLlm:Providers:Qwen</c>.</summary>
/// <remarks>
/// <para>Default endpoint: the DashScope domain of <see cref="Region"/> — <c>https://dashscope.aliyuncs.com/api/v1</c>
/// for the native protocol, <c>https://dashscope.aliyuncs.com/compatible-mode/v1</c> for the OpenAI-compatible mode.
/// An <see cref="ChineseLlmProviderOptions.Endpoint"/> replaces it (and makes <see cref="Region"/> irrelevant); it must
/// be the base URI of the chosen <see cref="Protocol"/>. Default model <c>qwen-plus</c>.</para>
/// <para>API keys are region-bound: a key works only against the domain of the region it was created in, and any other
/// region answers HTTP 401 <c>InvalidApiKey</c>.</para>
/// </remarks>
public sealed class QwenOptions : ChineseLlmProviderOptions
{
    /// <summary>Gets or sets the wire protocol (<c>ChineseLlm:Providers:Qwen:Protocol</c>).</summary>
    /// <value>The default value is <see cref="QwenProtocol.Native"/>.</value>
    public QwenProtocol Protocol { get; set; } = QwenProtocol.Native;

    /// <summary>Gets or sets the region whose DashScope domain is called when no endpoint is set; it must match the key's region.</summary>
    /// <value>The default value is <see cref="QwenRegion.Beijing"/> (mainland China).</value>
    public QwenRegion Region { get; set; } = QwenRegion.Beijing;

    /// <summary>
    /// Gets or sets the id of a sub-workspace to call in, sent as the <c>X-DashScope-WorkSpace</c> header; needed when the
    /// key or the model belongs to a workspace other than the default one.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the default workspace.</value>
    public string? WorkspaceId { get; set; }

    /// <inheritdoc />
    internal override List<string> Validate(string path)
    {
        var problems = base.Validate(path);
        if (!Enum.IsDefined(Protocol))
        {
            problems.Add($"{path}:Protocol must be Native or OpenAiCompatible (got '{Protocol}').");
        }

        if (!Enum.IsDefined(Region))
        {
            problems.Add($"{path}:Region must be Beijing, Singapore, Virginia or HongKong (got '{Region}').");
        }

        if (!string.IsNullOrWhiteSpace(WorkspaceId) && WorkspaceId.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add($"{path}:WorkspaceId must be a single workspace id without spaces (got '{WorkspaceId}').");
        }
        else
        {
            ValidateHeaderText(problems, path, nameof(WorkspaceId), WorkspaceId, secret: false);
        }

        if (!string.IsNullOrWhiteSpace(ApiKey) && ApiKey.Trim().StartsWith("bce-v3/", StringComparison.Ordinal))
        {
            problems.Add($"{path}:ApiKey looks like a Baidu Qianfan key (bce-v3/…); DashScope keys start with sk-. Put it under ChineseLlm:Providers:Ernie:ApiKey.");
        }

        return problems;
    }
}
