using Microsoft.Extensions.Hosting;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Starts the <see cref="CatalogSource"/> with the host — so the file of <c>ChineseLlm:Catalog:Path</c> is watched and the
/// document of <c>ChineseLlm:Catalog:Url</c> fetched from the start, not from the first call — and stops the background
/// fetches when the host stops. The start never waits on a fetch.
/// </summary>
internal sealed class CatalogRefreshService : IHostedService
{
    private readonly CatalogSource _source;

    /// <param name="source">The catalog source; resolving it starts it.</param>
    public CatalogRefreshService(CatalogSource source) => _source = source;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _source.StopRefreshingAsync().WaitAsync(cancellationToken);
}
