namespace ChineseLlm.Client;

/// <summary>Options of the Huawei Pangu provider, bound from <c>ChineseLlm:Providers:Pangu</c>.</summary>
/// <remarks>
/// <para><see cref="ChineseLlmProviderOptions.Endpoint"/> is required: Pangu has no shared public host. Use the call path the
/// ModelArts Studio console shows for the deployment, without the trailing <c>/chat/completions</c>: the OpenAI-format
/// route <c>https://{host}/api/v2</c> (an API key is sent as <c>Authorization: Bearer</c>, and <c>model</c> names the
/// deployed model), or a V1 deployment path <c>https://{host}/v1/{project_id}/deployments/{deployment_id}</c> (an API key
/// is sent as <c>X-Apig-AppCode</c>).</para>
/// <para>Credentials: either <see cref="ChineseLlmProviderOptions.ApiKey"/> (a ModelArts Studio API key), or an IAM
/// user — <see cref="IamUserName"/>, <see cref="IamPassword"/> and <see cref="IamDomainName"/> — whose 24-hour IAM token
/// is fetched with the documented password method and sent as <c>X-Auth-Token</c>. AK/SK request signing is not
/// supported. Default model <c>pangu-nlp-n1-32k</c>; deployments usually carry their own model name, so set
/// <see cref="ChineseLlmProviderOptions.DefaultModel"/>.</para>
/// </remarks>
public sealed class PanguOptions : ChineseLlmProviderOptions
{
    /// <summary>The IAM endpoint of the only region that hosts Pangu (西南-贵阳一).</summary>
    internal static readonly Uri DefaultIamEndpoint = new("https://iam.cn-southwest-2.myhuaweicloud.com");

    /// <summary>The project (region) name tokens are scoped to by default.</summary>
    internal const string DefaultIamProjectName = "cn-southwest-2";

    /// <summary>Gets or sets the IAM user name, for IAM-token authentication instead of an API key.</summary>
    /// <value>The default value is <see langword="null"/>: use <see cref="ChineseLlmProviderOptions.ApiKey"/>.</value>
    public string? IamUserName { get; set; }

    /// <summary>Gets or sets the IAM user's password. Never printed or logged.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IamPassword { get; set; }

    /// <summary>Gets or sets the account (domain) name that owns the IAM user.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IamDomainName { get; set; }

    /// <summary>Gets or sets the project (region) name the token is scoped to.</summary>
    /// <value>The default value is <see langword="null"/>: <c>cn-southwest-2</c>.</value>
    public string? IamProjectName { get; set; }

    /// <summary>Gets or sets the IAM endpoint that issues tokens (<c>/v3/auth/tokens</c> is appended).</summary>
    /// <value>The default value is <see langword="null"/>: <c>https://iam.cn-southwest-2.myhuaweicloud.com</c>.</value>
    public Uri? IamEndpoint { get; set; }

    /// <summary>Gets a value indicating whether the IAM user credentials are complete.</summary>
    internal bool UsesIamToken =>
        !string.IsNullOrWhiteSpace(IamUserName) && !string.IsNullOrWhiteSpace(IamPassword) && !string.IsNullOrWhiteSpace(IamDomainName);

    /// <inheritdoc />
    internal override bool HasCredentials => base.HasCredentials || UsesIamToken;

    internal override List<string> Validate(string path)
    {
        var problems = base.Validate(path);
        var anyIam = !string.IsNullOrWhiteSpace(IamUserName) || !string.IsNullOrWhiteSpace(IamPassword) || !string.IsNullOrWhiteSpace(IamDomainName);
        if (anyIam && !UsesIamToken)
        {
            foreach (var (name, value) in new[] { ("IamUserName", IamUserName), ("IamPassword", IamPassword), ("IamDomainName", IamDomainName) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{path}:{name} is required when any IAM credential is set.");
                }
            }
        }

        if (UsesIamToken && base.HasCredentials)
        {
            problems.Add($"{path}:ApiKey and {path}:IamUserName are both set; use one way of authenticating.");
        }

        ValidateUri(problems, path, nameof(IamEndpoint), IamEndpoint);

        // Only an enabled provider needs a host; a section without credentials is simply off.
        if (HasCredentials && Endpoint is null)
        {
            problems.Add($"{path}:Endpoint is required: Pangu has no public default host; use the deployment's call path from the ModelArts Studio console.");
        }

        return problems;
    }

    /// <inheritdoc/>
    internal override void ValidateCredentialText(List<string> problems, string path)
    {
        base.ValidateCredentialText(problems, path);
        // The IAM credentials travel in a JSON body (any Unicode is sendable), but a pasted line break or invisible
        // character is never part of a Huawei Cloud name or password.
        ValidatePlainText(problems, path, nameof(IamUserName), IamUserName);
        ValidatePlainText(problems, path, nameof(IamPassword), IamPassword);
        ValidatePlainText(problems, path, nameof(IamDomainName), IamDomainName);
        ValidatePlainText(problems, path, nameof(IamProjectName), IamProjectName);
    }

    /// <inheritdoc/>
    internal override IEnumerable<string> Secrets()
    {
        foreach (var secret in base.Secrets())
        {
            yield return secret;
        }

        if (!string.IsNullOrWhiteSpace(IamPassword))
        {
            yield return IamPassword.Trim();
        }
    }
}
