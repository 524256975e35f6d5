using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Fetches <c>ChineseLlm:Catalog:Url</c> in the background: once as the host starts, then every <c>RefreshInterval</c> on
/// the DI <see cref="TimeProvider"/>, each time with the <c>ETag</c> of the last document answered. Does nothing when no
/// URL is set; also starts the <see cref="CatalogSource"/> (and so the watch of <c>ChineseLlm:Catalog:Path</c>) with the host.
/// </summary>
internal sealed class CatalogRefreshService : BackgroundService
{
    private readonly CatalogSource _source;
    private readonly IOptionsMonitor<ChineseLlmOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;

    public CatalogRefreshService(CatalogSource source, IOptionsMonitor<ChineseLlmOptions> options, IHttpClientFactory httpClientFactory, TimeProvider? timeProvider = null)
    {
        _source = source;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.CurrentValue.Catalog;
        if (options?.Url is not { } url)
        {
            return;
        }

        await Task.Yield(); // the host's start never waits on a fetch
        var interval = options.RefreshInterval;
        var http = _httpClientFactory.CreateClient(CatalogFeed.HttpClientName);
        string? etag = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // The next fetch is due one interval after this one starts (armed first, so the schedule does not drift).
            var next = Task.Delay(interval, _timeProvider, stoppingToken);
            try
            {
                etag = await _source.RefreshAsync(http, url, etag, stoppingToken).ConfigureAwait(false);
                await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never let a refresh stop the host (BackgroundService's default): log, keep the catalog, try again next time.
                _source.Apply(CatalogLoadResult.Failed("the refresh failed: " + ex.GetType().Name), CatalogSource.Describe(url));
                await next.ConfigureAwait(false);
            }
        }
    }
}
