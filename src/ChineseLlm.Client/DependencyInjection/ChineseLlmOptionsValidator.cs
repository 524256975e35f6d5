using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

/// <summary>Validates <see cref="ChineseLlmOptions"/> at start-up; every message names the configuration key at fault.</summary>
internal sealed class ChineseLlmOptionsValidator : IValidateOptions<ChineseLlmOptions>
{
    public ValidateOptionsResult Validate(string? name, ChineseLlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.Providers is null)
        {
            builder.AddError($"{ChineseLlmOptions.SectionName}:Providers must not be null.");
            return builder.Build();
        }

        foreach (var registration in ProviderRegistrations.All)
        {
            var provider = registration.Select(options.Providers);
            if (provider is null)
            {
                builder.AddError($"{registration.ConfigurationPath} must not be null.");
                continue;
            }

            // A provider without credentials is simply disabled; its other settings are still checked.
            foreach (var problem in provider.Validate(registration.ConfigurationPath))
            {
                if (provider.HasCredentials || !problem.EndsWith(":ApiKey is required.", StringComparison.Ordinal))
                {
                    builder.AddError(problem);
                }
            }
        }

        foreach (var problem in ModelCatalog.Validate(options.Models))
        {
            builder.AddError(problem);
        }

        if (options.Routing is null)
        {
            builder.AddError($"{CostAwareChatClient.RoutingOptionsPath} must not be null.");
        }
        else
        {
            foreach (var problem in options.Routing.Validate(CostAwareChatClient.RoutingOptionsPath))
            {
                builder.AddError(problem);
            }
        }

        return builder.Build();
    }
}
