namespace ChineseLlm.Client;

/// <summary>Options of the Baidu ERNIE (Qianfan) provider, bound from <c>ChineseLlm:Providers:Ernie</c>.</summary>
/// <remarks>
/// <para>Two protocols, chosen by the credentials:</para>
/// <list type="bullet">
/// <item><description><see cref="ChineseLlmProviderOptions.ApiKey"/> only: Qianfan v2, the OpenAI-compatible
/// <c>POST {Endpoint}/chat/completions</c> with the console key (<c>bce-v3/ALTAK-…/…</c>) as a bearer token;
/// default endpoint <c>https://qianfan.baidubce.com/v2</c>; <see cref="AppId"/> optional.</description></item>
/// <item><description><see cref="ChineseLlmProviderOptions.ApiKey"/> + <see cref="SecretKey"/>: the legacy v1
/// (wenxinworkshop) protocol. An OAuth access token is fetched from <c>{Endpoint}/oauth/2.0/token</c>, cached until
/// it expires and refreshed once when Baidu reports it invalid (codes 110/111); default endpoint
/// <c>https://aip.baidubce.com</c>.</description></item>
/// </list>
/// <para>Default model <c>ernie-x1-turbo-32k</c>. <see cref="object.ToString"/> never prints a credential.</para>
/// </remarks>
public sealed class ErnieOptions : ChineseLlmProviderOptions
{
    /// <summary>Gets or sets the Secret Key of a legacy Qianfan application; when set, the v1 (OAuth) protocol is used.</summary>
    /// <value>The default value is <see langword="null"/>: Qianfan v2.</value>
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the Qianfan v2 application id sent as the <c>appid</c> header; without it the default app is used.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the base URI of Baidu's OAuth server for the legacy v1 token (<c>{TokenEndpoint}/oauth/2.0/token</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the v1 <see cref="ChineseLlmProviderOptions.Endpoint"/>, else <c>https://aip.baidubce.com</c>.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets a value indicating whether the legacy v1 protocol is used (API key and secret key are both set).</summary>
    internal bool UsesLegacyProtocol => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <inheritdoc />
    internal override List<string> Validate(string path)
    {
        var problems = base.Validate(path);
        if (!string.IsNullOrWhiteSpace(SecretKey) && string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add($"{path}:ApiKey must be set together with {path}:SecretKey (legacy v1 OAuth).");
        }

        if (!string.IsNullOrWhiteSpace(SecretKey) && ApiKey?.Trim().StartsWith("bce-v3/", StringComparison.Ordinal) == true)
        {
            problems.Add($"{path}:SecretKey is set, which selects the legacy v1 (OAuth) protocol, but {path}:ApiKey is a Qianfan v2 key (bce-v3/…). Remove SecretKey to use v2, or set the API Key of the legacy app.");
        }

        if (AppId is { } appId && (appId.Length == 0 || appId.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{path}:AppId must be a Qianfan application id without spaces (got '{appId}').");
        }
        else
        {
            ValidateHeaderText(problems, path, nameof(AppId), AppId, secret: false);
        }

        ValidateUri(problems, path, nameof(TokenEndpoint), TokenEndpoint);

        return problems;
    }

    /// <inheritdoc/>
    internal override void ValidateCredentialText(List<string> problems, string path)
    {
        base.ValidateCredentialText(problems, path);
        ValidateHeaderText(problems, path, nameof(SecretKey), SecretKey, secret: true);
    }

    /// <inheritdoc/>
    internal override IEnumerable<string> Secrets()
    {
        foreach (var secret in base.Secrets())
        {
            yield return secret;
        }

        if (!string.IsNullOrWhiteSpace(SecretKey))
        {
            yield return SecretKey.Trim();
        }
    }
}
