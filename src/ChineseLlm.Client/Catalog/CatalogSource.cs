using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The base catalog in force (<c>ChineseLlm:Catalog</c>, docs/catalog.md "Keeping your own copy"): the embedded catalog,
/// the file of <see cref="CatalogOptions.Path"/> (watched, re-read after changes settle), or the last good document of
/// <see cref="CatalogOptions.Url"/> (fetched in the background from the moment the source is built — by the host's start
/// through <see cref="CatalogRefreshService"/>, or by the first resolution of the router without a host — then every
/// <see cref="CatalogOptions.RefreshInterval"/> of the DI <see cref="TimeProvider"/>). A document that fails to read,
/// parse or check is logged and the last good one stays.
/// </summary>
/// <remarks>
/// Readers take <see cref="Current"/>, a reference swapped whole; the router rebuilds its settings snapshot on
/// <see cref="Changed"/>, so a call reads one reference and never waits on a load.
/// </remarks>
internal sealed class CatalogSource : IDisposable
{
    /// <summary>The configuration path of the options.</summary>
    public const string OptionsPath = ChineseLlmOptions.SectionName + ":Catalog";

    /// <summary>The configuration key of <see cref="CatalogOptions.Path"/>, named by start-up errors.</summary>
    public const string PathKey = OptionsPath + ":Path";

    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(7);

    /// <summary>How long a file must stay unchanged before it is re-read (an editor's save is several events).</summary>
    public static readonly TimeSpan FileSettleDelay = TimeSpan.FromMilliseconds(300);

    private readonly Func<ChineseLlmOptions>? _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CatalogSnapshot _current;
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;
    private ITimer? _settle;
    private string? _path;
    private bool _disposed;
    private CancellationTokenSource? _refreshing;
    private Task _refreshLoop = Task.CompletedTask;

    private CatalogSource(CatalogSnapshot current, Func<ChineseLlmOptions>? options, TimeProvider? timeProvider, ILogger? logger)
    {
        _current = current;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after a new catalog is in force (on the thread that loaded it).</summary>
    public event Action<CatalogSnapshot>? Changed;

    /// <summary>Raised after every load of the file or the URL, whatever it came to (tests wait on it).</summary>
    internal event Action<CatalogAttempt>? Attempted;

    /// <summary>Raised when the watched file changed and a re-read is scheduled (after <see cref="FileSettleDelay"/>).</summary>
    internal event Action? FileChangeSeen;

    /// <summary>Gets the catalog in force.</summary>
    public CatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>A source that never changes: the CLI's <c>--catalog</c>, loaded once for the run.</summary>
    public static CatalogSource Fixed(CatalogSnapshot snapshot) => new(snapshot, options: null, timeProvider: null, logger: null);

    /// <summary>The source <c>AddChineseLlm</c> registers: from <c>ChineseLlm:Catalog</c> as the host starts.</summary>
    /// <exception cref="InvalidOperationException">The file of <c>ChineseLlm:Catalog:Path</c> cannot be put in force (the message names the key).</exception>
    public static CatalogSource Create(IServiceProvider services)
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<ChineseLlmOptions>>();
        var options = monitor.CurrentValue; // validated: a missing or invalid Path fails here, naming the key
        var source = new CatalogSource(
            CatalogSnapshot.Embedded,
            () => monitor.CurrentValue,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger<CatalogSource>());
        if (options.Catalog?.Path is { } path && !string.IsNullOrWhiteSpace(path))
        {
            source.StartWatching(path);
        }
        else if (options.Catalog?.Url is { } url)
        {
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(CatalogFeed.HttpClientName);
            source.StartRefreshing(http, url, options.Catalog.RefreshInterval);
        }

        return source;
    }

    /// <summary>Shows a URL without what may carry a secret: no user info, no query (replaced by <c>?…</c>), no fragment.</summary>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return "(a relative URL)";
        }

        var shown = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return string.IsNullOrEmpty(url.Query) ? shown : shown + "?…";
    }

    /// <summary>Checks nothing more and puts a document read elsewhere in force, or logs why it is rejected.</summary>
    /// <returns><see langword="true"/> when the document is now in force.</returns>
    public bool Apply(CatalogLoadResult result, string origin)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Document is not { } document)
        {
            var kept = Current;
            CatalogLog.CatalogRejected(_logger, origin, result.Describe(), kept.Document.AsOf, kept.Origin);
            Attempted?.Invoke(new CatalogAttempt(origin, CatalogAttemptOutcome.Rejected, result.Describe()));
            return false;
        }

        var snapshot = new CatalogSnapshot(document, origin);
        Volatile.Write(ref _current, snapshot);
        CatalogLog.CatalogApplied(_logger, document.AsOf, origin, document.Models.Count);
        Changed?.Invoke(snapshot);
        Attempted?.Invoke(new CatalogAttempt(origin, CatalogAttemptOutcome.Applied, null));
        return true;
    }

    /// <summary>Fetches the URL once and puts a good document in force; a 304 or a failure keeps the catalog.</summary>
    /// <returns>The <c>ETag</c> to send with the next fetch.</returns>
    public async Task<string?> RefreshAsync(HttpClient http, Uri url, string? etag, CancellationToken cancellationToken)
    {
        var origin = Describe(url);
        var (overrides, rule) = Rules();
        var answer = await CatalogFeed.FetchAsync(http, url, etag, overrides, rule, cancellationToken).ConfigureAwait(false);
        if (answer.Outcome == CatalogAttemptOutcome.NotModified)
        {
            CatalogLog.CatalogNotModified(_logger, origin);
            Attempted?.Invoke(new CatalogAttempt(origin, CatalogAttemptOutcome.NotModified, null));
        }
        else
        {
            Apply(answer.Result!, origin);
        }

        return answer.ETag;
    }

    /// <summary>Stops the background fetches of the URL and waits for the one in flight to end.</summary>
    public Task StopRefreshingAsync()
    {
        Task loop;
        lock (_gate)
        {
            _refreshing?.Cancel();
            loop = _refreshLoop;
        }

        return loop;
    }

    public void Dispose()
    {
        CancellationTokenSource? refreshing;
        IDisposable? watch;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (refreshing, _refreshing) = (_refreshing, null);
            watch = _watch;
            _settle?.Dispose();
        }

        // Outside the lock: disposing the watch waits for a change callback that is running, and that callback
        // (OnFileChanged) takes the lock, sees _disposed and returns. Under the lock the two waited for each other
        // forever (a file edited just before the host stopped hung the host's Dispose).
        refreshing?.Cancel(); // the loop ends on its own; a cancelled token stays readable after Dispose
        refreshing?.Dispose();
        watch?.Dispose();
        _files?.Dispose();
    }

    /// <summary>Fetches the URL now (off the caller's thread), then one <paramref name="interval"/> after each fetch started.</summary>
    private void StartRefreshing(HttpClient http, Uri url, TimeSpan interval)
    {
        var cancellation = new CancellationTokenSource();
        _refreshing = cancellation;
        _refreshLoop = Task.Run(() => RefreshLoopAsync(http, url, interval, cancellation.Token), CancellationToken.None);
    }

    private async Task RefreshLoopAsync(HttpClient http, Uri url, TimeSpan interval, CancellationToken cancellationToken)
    {
        string? etag = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Armed before the fetch, so the schedule does not drift and a test's clock can be advanced as soon as a fetch is seen.
            var next = Task.Delay(interval, _timeProvider, cancellationToken);
            try
            {
                etag = await RefreshAsync(http, url, etag, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never let one refresh end the loop: log, keep the catalog, try again next time.
                Apply(CatalogLoadResult.Failed("the refresh failed: " + ex.GetType().Name), Describe(url));
            }

            try
            {
                await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The overrides and tier rule a new document must accept (those in force, as the router will apply them).</summary>
    private (IEnumerable<ModelCard>? Overrides, TierRule Rule) Rules()
    {
        try
        {
            var options = _options?.Invoke();
            return (options?.Models, new TierRule(options?.Routing?.TierRule ?? new TierRuleOptions()));
        }
        catch (OptionsValidationException)
        {
            return (null, TierRule.Default); // the router keeps its settings on invalid options; the document is checked alone
        }
    }

    private void StartWatching(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var result = LoadFile(full);
        if (result.Document is null)
        {
            throw new InvalidOperationException($"{PathKey}: the catalog '{full}' cannot be used: {result.Describe()}");
        }

        Apply(result, full);
        _path = full;
        var directory = System.IO.Path.GetDirectoryName(full)!;
        var name = System.IO.Path.GetFileName(full);
        _files = new PhysicalFileProvider(directory, ExclusionFilters.None);
        _watch = ChangeToken.OnChange(() => _files.Watch(name), OnFileChanged);
    }

    private CatalogLoadResult LoadFile(string path)
    {
        var (overrides, rule) = Rules();
        return CatalogLoader.LoadFile(path, overrides, rule);
    }

    /// <summary>(Re)starts the settle timer: the file is re-read once it has not changed for <see cref="FileSettleDelay"/>.</summary>
    private void OnFileChanged()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _settle ??= _timeProvider.CreateTimer(static state => ((CatalogSource)state!).ReloadFile(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _settle.Change(FileSettleDelay, Timeout.InfiniteTimeSpan);
        }

        FileChangeSeen?.Invoke();
    }

    private void ReloadFile()
    {
        lock (_gate)
        {
            if (_disposed || _path is not { } path)
            {
                return;
            }

            try
            {
                Apply(LoadFile(path), path);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A subscriber's failure (the router logs its own) must not end the watch.
                CatalogLog.CatalogRejected(_logger, path, ex.GetType().Name, Current.Document.AsOf, Current.Origin);
            }
        }
    }
}
