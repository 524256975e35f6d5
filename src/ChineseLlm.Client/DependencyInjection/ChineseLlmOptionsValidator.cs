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

        // The overrides apply on top of the catalog in force at start: the Path file's, else the embedded one.
        var baseDocument = ValidateCatalog(options, builder) ?? ModelCatalog.EmbeddedDocument;
        var rule = new TierRule(options.Routing?.TierRule ?? new TierRuleOptions());
        foreach (var problem in ModelCatalog.Validate(baseDocument, options.Models, ModelCatalog.ConfigurationKey, rule))
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

    /// <summary>Checks <c>ChineseLlm:Catalog</c>; returns the <c>Path</c> file's document when it is set and good.</summary>
    private static CatalogDocument? ValidateCatalog(ChineseLlmOptions options, ValidateOptionsResultBuilder builder)
    {
        if (options.Catalog is null)
        {
            builder.AddError($"{CatalogSource.OptionsPath} must not be null.");
            return null;
        }

        var problems = options.Catalog.Validate(CatalogSource.OptionsPath);
        foreach (var problem in problems)
        {
            builder.AddError(problem);
        }

        if (problems.Count > 0 || options.Catalog.Path is not { } path)
        {
            return null;
        }

        // Checked without the overrides: those are checked against the document by the caller, under their own key.
        var result = CatalogLoader.LoadFile(path, overrides: null, new TierRule(options.Routing?.TierRule ?? new TierRuleOptions()));
        if (result.Document is null)
        {
            builder.AddError($"{CatalogSource.PathKey}: the catalog '{Path.GetFullPath(path)}' cannot be used: {result.Describe()}");
        }

        return result.Document;
    }
}
