using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ChineseLlm.Client's health checks.</summary>
public static class ChineseLlmHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the <c>chinesellm-catalog</c> health check: for each configured provider, lists the vendor's models through
    /// its own model-list endpoint (for the OpenAI-dialect vendors <c>GET {Endpoint}/models</c> with the provider's
    /// credentials) and compares them with the provider's routable catalog rows.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>); <c>AddChineseLlm</c> must be called on the same services.</param>
    /// <param name="tags">Tags of the check, to filter it in health endpoints; or <see langword="null"/>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <remarks>
    /// <para><see cref="HealthStatus.Healthy"/> when every routable row is listed; <see cref="HealthStatus.Degraded"/>,
    /// naming them in the description, when routable rows of a provider are missing from its vendor's list or when a
    /// provider's list cannot be read. A vendor without a model list this library reads (Doubao, Hunyuan, ERNIE, …) is
    /// reported as not checkable and never makes the check fail. The report's <c>Data</c> has one entry per provider
    /// (<c>listed (n routable rows)</c>, <c>missing: ids</c>, <c>unreadable: why</c>, <c>not checkable: why</c>), so a
    /// command line or a CI job can run the same check through <c>HealthCheckService</c>. The check never throws and
    /// never shows a credential.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHealthChecksBuilder AddChineseLlmCatalogCheck(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            CatalogHealthCheck.Name,
            services => new CatalogHealthCheck(services),
            HealthStatus.Degraded,
            tags));
    }
}
