namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddChineseLlm</c>, to chain further ChineseLlm.Client configuration.</summary>
public sealed class ChineseLlmBuilder
{
    internal ChineseLlmBuilder(IServiceCollection services, IReadOnlyList<string> enabledProviders)
    {
        Services = services;
        EnabledProviders = enabledProviders;
    }

    /// <summary>Gets the service collection the library was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the keys of the providers that had credentials at registration (<c>deepseek</c>, <c>kimi</c>, …).</summary>
    public IReadOnlyList<string> EnabledProviders { get; }
}
