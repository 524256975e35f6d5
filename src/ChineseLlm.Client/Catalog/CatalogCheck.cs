using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Catalog;

/// <summary>How one provider's catalog rows compare with its vendor's model list.</summary>
internal enum ProviderCatalogStatus
{
    /// <summary>Every routable row of the provider is in the vendor's list.</summary>
    Listed,

    /// <summary>Routable rows of the provider are missing from the vendor's list (see <see cref="ProviderCatalogResult.MissingModels"/>).</summary>
    Missing,

    /// <summary>The vendor's list could not be read (see <see cref="ProviderCatalogResult.Problem"/>).</summary>
    Unreadable,

    /// <summary>The vendor has no model list this library reads; never a failure.</summary>
    NotCheckable,
}

/// <summary>The outcome for one provider.</summary>
/// <param name="Provider">The provider key.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Checked">The routable catalog rows that were compared.</param>
/// <param name="MissingModels">The routable rows missing from the vendor's list (ordinal order); empty unless <see cref="ProviderCatalogStatus.Missing"/>.</param>
/// <param name="Problem">Why the list could not be read, or why the vendor is not checkable; never a credential.</param>
internal sealed record ProviderCatalogResult(string Provider, ProviderCatalogStatus Status, int Checked, IReadOnlyList<string> MissingModels, string? Problem)
{
    /// <summary>A short text for the health report's data: <c>listed (3 rows)</c>, <c>missing: a, b</c>, <c>unreadable: HTTP 401</c>, <c>not checkable: …</c>.</summary>
    public override string ToString() => Status switch
    {
        ProviderCatalogStatus.Listed => string.Create(CultureInfo.InvariantCulture, $"listed ({Checked} routable rows)"),
        ProviderCatalogStatus.Missing => "missing: " + string.Join(", ", MissingModels),
        ProviderCatalogStatus.Unreadable => "unreadable: " + Problem,
        _ => "not checkable: " + Problem,
    };
}

/// <summary>The outcome of a whole check: one result per configured provider, in ordinal order.</summary>
internal sealed record CatalogCheckReport(IReadOnlyList<ProviderCatalogResult> Providers)
{
    /// <summary>Gets whether every checkable provider lists every routable row (not-checkable providers never count against it).</summary>
    public bool IsHealthy => Providers.All(p => p.Status is ProviderCatalogStatus.Listed or ProviderCatalogStatus.NotCheckable);

    /// <summary>A one-line description naming the providers at fault first.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add(ProviderCatalogStatus.Missing, "routable rows missing from the vendor's model list: ", p => $"{p.Provider} ({string.Join(", ", p.MissingModels)})");
        Add(ProviderCatalogStatus.Unreadable, "model list unreadable: ", p => $"{p.Provider} ({p.Problem})");
        Add(ProviderCatalogStatus.Listed, "every routable row listed: ", p => p.Provider);
        Add(ProviderCatalogStatus.NotCheckable, "not checkable: ", p => p.Provider);
        return parts.Count == 0 ? "no provider is configured." : string.Join("; ", parts) + ".";

        void Add(ProviderCatalogStatus status, string label, Func<ProviderCatalogResult, string> describe)
        {
            var matching = Providers.Where(p => p.Status == status).Select(describe).ToList();
            if (matching.Count > 0)
            {
                parts.Add(label + string.Join(", ", matching));
            }
        }
    }
}

/// <summary>
/// Compares the routable catalog rows of each configured provider with the vendor's own model list (the core of the
/// <c>chinesellm-catalog</c> health check, also run by the CLI's <c>catalog check</c>). Never throws for a vendor's
/// failure and never puts a credential in a result.
/// </summary>
internal sealed class CatalogCheck
{
    /// <summary>The largest model list read (the largest vendor list seen, DashScope's, is well under 1 MiB).</summary>
    internal const int MaxListBytes = 4 * 1024 * 1024;

    private readonly Func<ModelCatalog> _catalog;
    private readonly Func<IReadOnlyList<string>> _providers;
    private readonly Func<string, ChineseLlmProviderOptions?> _options;
    private readonly Func<string, HttpClient> _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="catalog">The catalog in force.</param>
    /// <param name="providers">The configured provider keys.</param>
    /// <param name="options">A provider's options by key.</param>
    /// <param name="httpClient">The HttpClient to send a provider's request through, by key.</param>
    /// <param name="timeProvider">The clock (retirement dates, GLM tokens).</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public CatalogCheck(
        Func<ModelCatalog> catalog,
        Func<IReadOnlyList<string>> providers,
        Func<string, ChineseLlmProviderOptions?> options,
        Func<string, HttpClient> httpClient,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        _catalog = catalog;
        _providers = providers;
        _options = options;
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Checks every configured provider, in parallel.</summary>
    public async Task<CatalogCheckReport> RunAsync(CancellationToken cancellationToken)
    {
        var catalog = _catalog();
        var now = _timeProvider.GetUtcNow();
        var providers = _providers().Order(StringComparer.Ordinal).ToList();
        var results = await Task.WhenAll(providers.Select(p => CheckAsync(p, catalog, now, cancellationToken))).ConfigureAwait(false);
        return new CatalogCheckReport(results);
    }

    private async Task<ProviderCatalogResult> CheckAsync(string provider, ModelCatalog catalog, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = catalog.RoutableModels
            .Where(m => string.Equals(m.Provider, provider, StringComparison.OrdinalIgnoreCase) && !m.IsRetiredAt(now))
            .Select(m => m.Id!)
            .ToList();
        ModelListRequest? request;
        try
        {
            request = _options(provider) is { } options ? VendorModelLists.For(provider, options, _timeProvider) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Unreadable(provider, rows.Count, "its credentials cannot be used (" + ex.GetType().Name + ")");
        }

        if (request is null)
        {
            return new ProviderCatalogResult(provider, ProviderCatalogStatus.NotCheckable, 0, [], VendorModelLists.NotCheckableReason(provider));
        }

        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
            message.Headers.Accept.ParseAdd("application/json");
            await request.Authenticator.AuthenticateAsync(message, cancellationToken).ConfigureAwait(false);
            using var response = await _httpClient(provider).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Unreadable(provider, rows.Count, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}{Reason(response.StatusCode)}"));
            }

            // Bounded: a model list is tens of kilobytes; a larger answer is a Protocol error (reported as unreadable).
            var body = await PooledBody.ReadAsync(response.Content, MaxListBytes, provider, cancellationToken).ConfigureAwait(false);
            HashSet<string> listed;
            try
            {
                listed = VendorModelLists.ParseIds(body.Span);
            }
            finally
            {
                body.Return();
            }

            var missing = rows.Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal).ToList();
            return missing.Count == 0
                ? new ProviderCatalogResult(provider, ProviderCatalogStatus.Listed, rows.Count, [], null)
                : new ProviderCatalogResult(provider, ProviderCatalogStatus.Missing, rows.Count, missing, null);
        }
        catch (JsonException)
        {
            return Unreadable(provider, rows.Count, "the answer is not a model list");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Unreadable(provider, rows.Count, "the check was canceled");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only the type: a message may carry a URI or a vendor text.
            CatalogLog.CatalogListFailed(_logger, provider, ex.GetType().Name);
            return Unreadable(provider, rows.Count, ex is ChineseLlmException llm ? llm.Kind.ToString() : ex.GetType().Name);
        }
    }

    private static ProviderCatalogResult Unreadable(string provider, int rows, string problem)
        => new(provider, ProviderCatalogStatus.Unreadable, rows, [], problem);

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => " (credentials refused)",
        HttpStatusCode.Forbidden => " (not permitted)",
        HttpStatusCode.NotFound => " (no model list at this endpoint)",
        HttpStatusCode.TooManyRequests => " (rate limited)",
        _ => string.Empty,
    };
}
