namespace ChineseLlm.Client;

/// <summary>Options of the Huawei Pangu provider, bound from <c>ChineseLlm:Providers:Pangu</c>.</summary>
/// <remarks>
/// <para><see cref="ChineseLlmProviderOptions.Endpoint"/> is required: Pangu has no shared public host. Use the call path the
/// ModelArts Studio console shows for the deployment, without the trailing <c>/chat/completions</c>: the OpenAI-format
/// route <c>https://{host}/api/v2</c> (the key is sent as <c>Authorization: Bearer</c>, and <c>model</c> names the
/// deployed model), or a V1 deployment path <c>https://{host}/v1/{project_id}/deployments/{deployment_id}</c> (the key is
/// sent as <c>X-Apig-AppCode</c>).</para>
/// <para><see cref="ChineseLlmProviderOptions.ApiKey"/> is a ModelArts Studio API key. IAM tokens and AK/SK signing are
/// not supported by this client. Default model <c>pangu-nlp-n1-32k</c>; deployments usually carry their own model name,
/// so set <see cref="ChineseLlmProviderOptions.DefaultModel"/>.</para>
/// </remarks>
public sealed class PanguOptions : ChineseLlmProviderOptions
{
    internal override List<string> Validate(string path)
    {
        // Only an enabled provider needs a host; a section without credentials is simply off.
        var problems = base.Validate(path);
        if (HasCredentials && Endpoint is null)
        {
            problems.Add($"{path}:Endpoint is required: Pangu has no public default host; use the deployment's call path from the ModelArts Studio console.");
        }

        return problems;
    }
}
