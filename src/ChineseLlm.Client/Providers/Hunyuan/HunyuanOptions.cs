namespace ChineseLlm.Client;

/// <summary>Options of the Tencent Hunyuan provider, bound from <c>ChineseLlm:Providers:Hunyuan</c>.</summary>
/// <remarks>
/// <para>Two protocols, chosen by the credentials:</para>
/// <list type="bullet">
/// <item><description><see cref="SecretId"/> + <see cref="SecretKey"/>: the native Tencent Cloud API 3.0
/// (<c>ChatCompletions</c>, version 2023-09-01) signed with TC3-HMAC-SHA256; default endpoint
/// <c>https://hunyuan.tencentcloudapi.com</c>; <see cref="Region"/> optional.</description></item>
/// <item><description><see cref="ChineseLlmProviderOptions.ApiKey"/> only: the OpenAI-compatible endpoint
/// <c>https://api.hunyuan.cloud.tencent.com/v1</c> with a bearer key.</description></item>
/// </list>
/// <para>When both are set the native protocol is used. Default model <c>hunyuan-turbos-latest</c>.
/// <see cref="object.ToString"/> never prints a credential.</para>
/// </remarks>
public sealed class HunyuanOptions : ChineseLlmProviderOptions
{
    /// <summary>Gets or sets the Tencent Cloud SecretId (native protocol). Must be set together with <see cref="SecretKey"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SecretId { get; set; }

    /// <summary>Gets or sets the Tencent Cloud SecretKey (native protocol); used only as signing key material.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the region sent as <c>X-TC-Region</c> (such as <c>ap-guangzhou</c>); optional for Hunyuan.</summary>
    /// <value>The default value is <see langword="null"/>: no region header.</value>
    public string? Region { get; set; }

    /// <summary>Gets a value indicating whether the native API 3.0 protocol is used (SecretId and SecretKey are both set).</summary>
    internal bool UsesNativeProtocol => !string.IsNullOrWhiteSpace(SecretId) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <inheritdoc />
    internal override bool HasCredentials => UsesNativeProtocol || !string.IsNullOrWhiteSpace(ApiKey);

    /// <inheritdoc />
    internal override List<string> Validate(string path)
    {
        var problems = base.Validate(path);
        var apiKeyRequired = $"{path}:ApiKey is required.";
        if (problems.Remove(apiKeyRequired))
        {
            // Keep the ":ApiKey is required." ending: the start-up validator treats it as "provider disabled".
            problems.Insert(0, $"{path}:SecretId and {path}:SecretKey (native API 3.0), or {path}:ApiKey is required.");
        }

        var hasId = !string.IsNullOrWhiteSpace(SecretId);
        var hasKey = !string.IsNullOrWhiteSpace(SecretKey);
        if (hasId && !hasKey)
        {
            problems.Add($"{path}:SecretKey is required when {path}:SecretId is set.");
        }
        else if (hasKey && !hasId)
        {
            problems.Add($"{path}:SecretId is required when {path}:SecretKey is set.");
        }

        if (Region is { } region && (region.Length == 0 || region.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{path}:Region must be a region id such as ap-guangzhou (got '{region}').");
        }
        else
        {
            ValidateHeaderText(problems, path, nameof(Region), Region, secret: false);
        }

        return problems;
    }

    /// <inheritdoc/>
    internal override void ValidateCredentialText(List<string> problems, string path)
    {
        base.ValidateCredentialText(problems, path);
        ValidateHeaderText(problems, path, nameof(SecretId), SecretId, secret: true);
        ValidateHeaderText(problems, path, nameof(SecretKey), SecretKey, secret: true);
    }

    /// <inheritdoc/>
    internal override IEnumerable<string> Secrets()
    {
        foreach (var secret in base.Secrets())
        {
            yield return secret;
        }

        if (!string.IsNullOrWhiteSpace(SecretId))
        {
            yield return SecretId.Trim();
        }

        if (!string.IsNullOrWhiteSpace(SecretKey))
        {
            yield return SecretKey.Trim();
        }
    }
}
