using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Log = ChineseLlm.Client.Routing.Log;
using ProtocolCapabilities = ChineseLlm.Client.Http.ProtocolCapabilities;

namespace ChineseLlm.Client;

/// <summary>
/// The cost-aware router: an <see cref="IChatClient"/> that answers each call with the cheapest configured model that
/// meets the call's quality tier and needs, fails over to the next cheapest when a provider fails, keeps a spending
/// budget, and tells what each call cost.
/// </summary>
/// <remarks>
/// <para><b>Choosing.</b> The candidates are the catalog models (the embedded, dated catalog plus <c>ChineseLlm:Models</c>)
/// of the configured providers whose tier is at least the one asked for with
/// <see cref="ChatOptionsRoutingExtensions.WithTier"/> (or <see cref="RoutingOptions.DefaultTier"/>), that have the
/// capabilities the call needs (<see cref="ModelCapabilities.Tools"/> when tools are given or the history holds tool
/// calls, <see cref="ModelCapabilities.Vision"/> for images, <see cref="ModelCapabilities.Json"/> for a JSON response
/// format), whose context window holds the estimated input plus the expected output, whose prices are known and whose
/// provider is not cooling down. They are ordered by the estimated cost of the call — input tokens counted with the
/// <c>o200k_base</c> tokenizer, output tokens from <c>ChatOptions.MaxOutputTokens</c> or
/// <see cref="RoutingOptions.ExpectedOutputTokens"/>, priced at the current time of the <see cref="TimeProvider"/>
/// (price bands, peak hours) — with ties broken by the higher tier, then the provider key, then the model id (ordinal).</para>
/// <para><b>Pinning.</b> A call that sets <see cref="ChatOptions.ModelId"/> skips the choice: the model is looked up in
/// the catalog among the configured providers, or written <c>provider/model</c> (for example <c>kimi/kimi-k2.6</c>) to
/// name the provider, which also allows a model the catalog does not know (its cost is then unknown).</para>
/// <para><b>Failing over.</b> The first candidate is called. When it fails before any content reached the caller with
/// a transient failure (<see cref="LlmErrorKind.RateLimited"/>, <see cref="LlmErrorKind.ServerError"/>,
/// <see cref="LlmErrorKind.Timeout"/>, <see cref="LlmErrorKind.Network"/>), <see cref="LlmErrorKind.ModelNotFound"/> or
/// <see cref="LlmErrorKind.Protocol"/>, the next candidate is called. <see cref="LlmErrorKind.QuotaExceeded"/>,
/// <see cref="LlmErrorKind.Authentication"/> and <see cref="LlmErrorKind.PermissionDenied"/> also put the provider in
/// cooldown for <see cref="RoutingOptions.Cooldown"/> and move on to another provider's model.
/// <see cref="LlmErrorKind.ContextLengthExceeded"/> moves on only to models with a larger context window.
/// <see cref="LlmErrorKind.InvalidRequest"/> and <see cref="LlmErrorKind.ContentFiltered"/> are thrown at once: another
/// model would fail the same way. When every candidate failed, the last failure is thrown. A stream fails over only
/// before its first update was yielded, as Microsoft.Extensions.AI's <c>FailoverChatClient</c> does; the caller's
/// cancellation never fails over. Each provider client still retries transient failures itself before the router
/// moves on.</para>
/// <para><b>Budget.</b> With <see cref="RoutingBudgetOptions.Limit"/> set, each call reserves its estimated cost before
/// it is sent and is refused with <see cref="LlmErrorKind.BudgetExceeded"/> when the reservation would pass the limit;
/// the reservation is settled to the real cost afterwards, or released when the call failed before any content. A
/// stream that fails or is abandoned after content was yielded is settled at its estimate.</para>
/// <para><b>What happened.</b> Every response, and the final update of every stream, carries the provider, the model,
/// the cost in CNY and the <see cref="RoutingDecision"/>: read them with
/// <see cref="ChatResponseRoutingExtensions.GetProvider(ChatResponse)"/>,
/// <see cref="ChatResponseRoutingExtensions.GetCost(ChatResponse)"/> and
/// <see cref="ChatResponseRoutingExtensions.GetRoutingDecision(ChatResponse)"/>. A failure's decision is on the
/// exception (<see cref="ChatResponseRoutingExtensions.GetRoutingDecision(ChineseLlmException)"/>).</para>
/// <para><b>Composition.</b> The router is an ordinary <see cref="IChatClient"/>: put <c>UseFunctionInvocation()</c>,
/// logging or telemetry on top of it with a <c>ChatClientBuilder</c>; each round trip of a function-invocation loop is
/// routed on its own. The router does not own the provider clients and does not dispose them.</para>
/// <para>Thread-safe. <c>AddChineseLlm</c> registers the router as the unkeyed <see cref="IChatClient"/> and rebuilds its
/// catalog and routing settings when configuration reloads.</para>
/// </remarks>
public sealed partial class CostAwareChatClient : IChatClient
{
    private static readonly IReadOnlyDictionary<string, ProviderCooldown> NoCooldowns = new Dictionary<string, ProviderCooldown>();

    private readonly Dictionary<string, IChatClient> _providers;
    private readonly string[] _providerKeys;
    private readonly Dictionary<string, ProtocolCapabilities> _protocols;
    private readonly ISpendLedger _ledger;
    private readonly IProviderHealth _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ChatClientMetadata _metadata;
    private RouterSettings _settings;
    private Tuple<ModelCatalog, string[]>? _healthKeys;
    private Tuple<RouterSettings, RouteTable>? _table;
    private IDisposable? _reloadSubscription;
    private CatalogSource? _catalogSource;
    private IOptionsMonitor<ChineseLlmOptions>? _monitor;
    private readonly Lock _reloadGate = new();

    /// <summary>Initializes a new instance of the <see cref="CostAwareChatClient"/> class over the embedded catalog with default routing options.</summary>
    /// <param name="providers">The provider clients by provider key (<c>deepseek</c>, <c>kimi</c>, <c>qwen</c>, …, any case); the keys name the catalog's providers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty, or has an empty key, a <see langword="null"/> client or a key twice.</exception>
    public CostAwareChatClient(IReadOnlyDictionary<string, IChatClient> providers)
        : this(providers, options: null, models: null, timeProvider: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostAwareChatClient"/> class.</summary>
    /// <param name="providers">The provider clients by provider key (<c>deepseek</c>, <c>kimi</c>, <c>qwen</c>, …, any case); the keys name the catalog's providers.</param>
    /// <param name="options">The routing options, or <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="models">Model cards that add to or override the embedded catalog by (provider, id), as <c>ChineseLlm:Models</c> does; or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for time-of-day prices, budget periods and cooldowns; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty or malformed, or the options or a model card are invalid (the message names each bad setting).</exception>
    public CostAwareChatClient(IReadOnlyDictionary<string, IChatClient> providers, RoutingOptions? options, IEnumerable<ModelCard>? models, TimeProvider? timeProvider)
        : this(providers, RouterSettings.Create(options, models, nameof(RoutingOptions), nameof(models)), timeProvider, spendLedger: null, providerHealth: null, loggerFactory: null, requireProviders: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostAwareChatClient"/> class with its own budget and cooldown stores.</summary>
    /// <param name="providers">The provider clients by provider key (<c>deepseek</c>, <c>kimi</c>, <c>qwen</c>, …, any case); the keys name the catalog's providers.</param>
    /// <param name="options">The routing options, or <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="models">Model cards that add to or override the embedded catalog, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="spendLedger">Where budget reservations and spend are kept (share one between routers to share a budget); <see langword="null"/> for a new in-memory ledger.</param>
    /// <param name="providerHealth">Where provider cooldowns are kept; <see langword="null"/> for a new in-memory store.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty or malformed, or the options or a model card are invalid.</exception>
    [Experimental(RoutingDefaults.ExperimentalDiagnosticId, UrlFormat = RoutingDefaults.ExperimentalUrlFormat)]
    public CostAwareChatClient(
        IReadOnlyDictionary<string, IChatClient> providers,
        RoutingOptions? options,
        IEnumerable<ModelCard>? models,
        TimeProvider? timeProvider,
        ISpendLedger? spendLedger,
        IProviderHealth? providerHealth,
        ILoggerFactory? loggerFactory)
        : this(providers, RouterSettings.Create(options, models, nameof(RoutingOptions), nameof(models)), timeProvider, spendLedger, providerHealth, loggerFactory, requireProviders: true)
    {
    }

    internal CostAwareChatClient(
        IReadOnlyDictionary<string, IChatClient> providers,
        RouterSettings settings,
        TimeProvider? timeProvider,
        ISpendLedger? spendLedger,
        IProviderHealth? providerHealth,
        ILoggerFactory? loggerFactory,
        bool requireProviders)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(settings);
        if (requireProviders && providers.Count == 0)
        {
            throw new ArgumentException("At least one provider client is required.", nameof(providers));
        }

        _providers = new Dictionary<string, IChatClient>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, client) in providers)
        {
            if (string.IsNullOrWhiteSpace(key) || client is null)
            {
                throw new ArgumentException("Every provider needs a non-empty key and a client.", nameof(providers));
            }

            if (!_providers.TryAdd(key.Trim().ToLowerInvariant(), client))
            {
                throw new ArgumentException($"The provider '{key}' is given twice.", nameof(providers));
            }
        }

        _providerKeys = [.. _providers.Keys.Order(StringComparer.Ordinal)];
        _protocols = _providers.ToDictionary(p => p.Key, p => ProtocolCapabilities.Of(p.Value), StringComparer.OrdinalIgnoreCase);
        _settings = settings;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _ledger = spendLedger ?? new InMemorySpendLedger(_timeProvider);
        _health = providerHealth ?? new InMemoryProviderHealth(_timeProvider);
        _logger = (ILogger?)loggerFactory?.CreateLogger<CostAwareChatClient>() ?? NullLogger.Instance;
        _metadata = new ChatClientMetadata("chinesellm");
    }

    /// <summary>Gets the keys of the providers the router may call, in ordinal order.</summary>
    public IReadOnlyList<string> Providers => _providerKeys;

    /// <inheritdoc />
    /// <remarks>
    /// The response carries the provider, the cost and the routing decision (<see cref="ChatResponseRoutingExtensions"/>).
    /// The call is traced as a <c>route</c> span of the <c>ChineseLlm.Client</c> source, with the decision as events.
    /// </remarks>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        CallerInput.ThrowIfInvalid(RoutingDefaults.RouterName, messages, options);

        using var route = Telemetry.RouteScope.Start(options, streaming: false);
        try
        {
            var response = await RouteAsync(messages, options, cancellationToken).ConfigureAwait(false);
            route.Succeeded(response.GetRoutingDecision());
            return response;
        }
        catch (Exception ex)
        {
            route.Failed(ex);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The final update carries the provider, the cost and the routing decision (and the usage, when the provider
    /// reported it). An update that carries usage is held back until the next update arrives, so that the final one can
    /// be annotated without delaying any text. The call is traced as a <c>route</c> span, with the decision as events.
    /// </remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CallerInput.ThrowIfInvalid(RoutingDefaults.RouterName, messages, options);

        using var route = Telemetry.RouteScope.Start(options, streaming: true);
        var updates = RouteStreamingAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex)
                {
                    route.Failed(ex);
                    throw;
                }

                if (update.GetRoutingDecision() is { } decision)
                {
                    route.Succeeded(decision);
                }

                yield return update;
                route.RestoreCurrent();
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Routes one call (traced by <see cref="GetResponseAsync"/>).</summary>
    private async Task<ChatResponse> RouteAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var (list, call) = await StartAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Exception? lastFailure = null;
        while (call.Next() is { } candidate)
        {
            var reservation = await ReserveAsync(call, candidate, lastFailure, cancellationToken).ConfigureAwait(false);
            var startedAt = _timeProvider.GetUtcNow();
            var started = _timeProvider.GetTimestamp();
            ChatResponse response;
            try
            {
                response = await candidate.Client.GetResponseAsync(list, OptionsFor(options, candidate), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await ReleaseAsync(reservation).ConfigureAwait(false);
                lastFailure = await OnFailureAsync(call, candidate, ex, _timeProvider.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var cost = Price(candidate, response.Usage, startedAt);
            await SettleAsync(reservation, cost ?? candidate.Estimate ?? 0m).ConfigureAwait(false);
            call.Record(candidate, cost, RoutingAttemptOutcome.Succeeded, error: null, kind: null, _timeProvider.GetElapsedTime(started));
            var decision = call.Decide(candidate, cost);
            Annotate(response, candidate, cost, decision);
            Log.RouteCompleted(_logger, candidate.Provider, candidate.ModelId, cost, call.AttemptCount);
            return response;
        }

        throw call.Exhausted(lastFailure);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    /// <remarks>Stops following configuration reloads. The provider clients are not disposed: their owner (the DI container, or whoever built them) disposes them.</remarks>
    public void Dispose()
    {
        Interlocked.Exchange(ref _reloadSubscription, null)?.Dispose();
        if (Interlocked.Exchange(ref _catalogSource, null) is { } source)
        {
            source.Changed -= OnCatalogChanged;
        }
    }

    /// <summary>Builds the router registered by <c>AddChineseLlm</c>: the keyed provider clients, the options monitor's current settings, and a subscription to reloads.</summary>
    internal static CostAwareChatClient Create(IServiceProvider services, IReadOnlyList<string> providerKeys)
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<ChineseLlmOptions>>();
        var options = monitor.CurrentValue;
        var providers = providerKeys.ToDictionary(key => key, key => services.GetRequiredKeyedService<IChatClient>(key), StringComparer.OrdinalIgnoreCase);
        var source = services.GetService<CatalogSource>();
        var snapshot = source?.Current;
        var router = new CostAwareChatClient(
            providers,
            RouterSettings.Create(options.Routing, options.Models, RoutingOptionsPath, ModelCatalog.ConfigurationKey, snapshot),
            services.GetService<TimeProvider>(),
            services.GetService<ISpendLedger>(),
            services.GetService<IProviderHealth>(),
            services.GetService<ILoggerFactory>(),
            requireProviders: false);
        router._monitor = monitor;
        router._reloadSubscription = monitor.OnChange((reloaded, _) => router.Reload(reloaded));
        if (source is not null)
        {
            // A new catalog (ChineseLlm:Catalog) rebuilds the settings with the options in force; calls keep reading one reference.
            router._catalogSource = source;
            source.Changed += router.OnCatalogChanged;
            if (!ReferenceEquals(source.Current, snapshot))
            {
                router.OnCatalogChanged(source.Current); // changed while the router was built
            }
        }

        return router;
    }

    /// <summary>The configuration path of the routing options, used in messages.</summary>
    internal const string RoutingOptionsPath = ChineseLlmOptions.SectionName + ":Routing";

    /// <summary>Rebuilds the settings from reloaded options over the catalog in force; invalid options leave the previous settings in force.</summary>
    internal void Reload(ChineseLlmOptions options)
    {
        // Serialized, and the catalog read inside: the last rebuild sees both the newest options and the newest catalog.
        lock (_reloadGate)
        {
            try
            {
                var settings = RouterSettings.Create(options.Routing, options.Models, RoutingOptionsPath, ModelCatalog.ConfigurationKey, _catalogSource?.Current);
                Volatile.Write(ref _settings, settings);
                Log.SettingsReloaded(_logger, settings.Catalog.Models.Count);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                Log.SettingsReloadFailed(_logger, ex.Message);
            }
        }
    }

    private void OnCatalogChanged(CatalogSnapshot snapshot)
    {
        if (_monitor is not { } monitor)
        {
            return;
        }

        ChineseLlmOptions options;
        try
        {
            options = monitor.CurrentValue;
        }
        catch (OptionsValidationException ex)
        {
            Log.SettingsReloadFailed(_logger, ex.Message); // the options in force are invalid: keep the settings
            return;
        }

        Reload(options);
    }

    /// <summary>Gets the settings in force (for tests).</summary>
    internal RouterSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The options sent to a candidate: the caller's, with the candidate's model id and without the router's own keys.</summary>
    private static ChatOptions OptionsFor(ChatOptions? options, PlannedRoute candidate)
    {
        var routed = options?.Clone() ?? new ChatOptions();
        routed.ModelId = candidate.ModelId;
        routed.AdditionalProperties?.Remove(ChatOptionsRoutingExtensions.TierKey);
        return routed;
    }

    private static decimal? Price(PlannedRoute candidate, UsageDetails? usage, DateTimeOffset startedAt)
        => candidate.Card is { } card && usage is not null ? CostCalculator.Calculate(card, usage, startedAt) : null;

    private static void Annotate(ChatResponse response, PlannedRoute candidate, decimal? cost, RoutingDecision decision)
    {
        response.ModelId ??= candidate.ModelId;
        ChatResponseRoutingExtensions.Record(response.AdditionalProperties ??= [], candidate.Provider, cost, decision);
        if (response.Messages.Count > 0)
        {
            // Per message too: a function-invocation loop above the router merges several calls' messages into one response.
            ChatResponseRoutingExtensions.Record(response.Messages[^1].AdditionalProperties ??= [], candidate.Provider, cost, decision: null);
        }
    }

    /// <summary>
    /// Starts a call: the caller's messages as a list (sent to each candidate in turn) and the first candidate. Without a
    /// pinned model or a cooldown in force, the <see cref="RouteTable"/> chooses it and the full plan waits until a
    /// failover or a reader of the decision needs it; otherwise the call starts from the plan.
    /// </summary>
    private async ValueTask<(IList<ChatMessage> Messages, RoutedCall Call)> StartAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var settings = Volatile.Read(ref _settings);
        var cooldowns = _providerKeys.Length == 0
            ? NoCooldowns
            : await _health.GetCooldownsAsync(HealthKeys(settings.Catalog), cancellationToken).ConfigureAwait(false);
        var request = RouteRequest.Of(settings, list, options);
        var now = _timeProvider.GetUtcNow();
        PlannedRoute? first = null;
        if (request.PinnedModelId is null && cooldowns.Count == 0 && TableFor(settings).Choose(request, now) is { } chosen)
        {
            var card = chosen.Card;
            first = new PlannedRoute(card.Provider!, card.Id!, card, chosen.Client,
                CostCalculator.Estimate(card, request.InputTokens, request.OutputTokens, now, thinking: request.Thinking));
        }

        var call = new RoutedCall(settings, request, now, cooldowns, _providers, _protocols, first);
        if (first is null)
        {
            _ = call.Plan; // a pinned model no configured provider serves fails here, before anything is sent
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var chosenFirst = first ?? (call.Plan.Eligible.Count > 0 ? call.Plan.Eligible[0] : null);
            if (chosenFirst is not null)
            {
                Log.RouteChosen(_logger, request.Tier, chosenFirst.Provider, chosenFirst.ModelId, chosenFirst.Estimate, call.Plan.Eligible.Count);
            }
        }

        return (list, call);
    }

    /// <summary>The route table of a settings snapshot (its catalog) and this router's providers, built once per snapshot.</summary>
    private RouteTable TableFor(RouterSettings settings)
    {
        var cached = Volatile.Read(ref _table);
        if (cached is not null && ReferenceEquals(cached.Item1, settings))
        {
            return cached.Item2;
        }

        var table = new RouteTable(settings.Catalog, _providers, _protocols);
        Volatile.Write(ref _table, Tuple.Create(settings, table));
        return table;
    }

    /// <summary>The keys read from <see cref="IProviderHealth"/> per call (providers and their catalog models), cached per catalog snapshot.</summary>
    private string[] HealthKeys(ModelCatalog catalog)
    {
        var cached = Volatile.Read(ref _healthKeys);
        if (cached is not null && ReferenceEquals(cached.Item1, catalog))
        {
            return cached.Item2;
        }

        var keys = ModelAvailability.KeysToRead(catalog, _providerKeys);
        Volatile.Write(ref _healthKeys, Tuple.Create(catalog, keys));
        return keys;
    }

    /// <summary>Reserves the candidate's estimated cost when a budget is set; throws <see cref="LlmErrorKind.BudgetExceeded"/> when it does not fit.</summary>
    private async ValueTask<SpendReservation?> ReserveAsync(RoutedCall call, PlannedRoute candidate, Exception? previousFailure, CancellationToken cancellationToken)
    {
        if (call.Settings.BudgetLimit is not { } limit)
        {
            return null;
        }

        string message;
        if (candidate.Estimate is { } estimate)
        {
            var period = BudgetPeriodKeys.KeyOf(call.Settings.BudgetPeriod, call.Now);
            var reservation = await _ledger.TryReserveAsync(period, estimate, limit, RoutingDefaults.ReservationLifetime, cancellationToken).ConfigureAwait(false);
            if (reservation is not null)
            {
                return reservation;
            }

            var summary = await _ledger.GetSummaryAsync(period, cancellationToken).ConfigureAwait(false);
            Log.BudgetRefused(_logger, estimate, period, summary.Committed, limit);
            message = FormattableString.Invariant(
                $"the call's estimated cost of {estimate} CNY on {candidate} would exceed the budget of {limit} CNY for {period}: {summary.Settled} CNY spent and {summary.Reserved} CNY reserved by calls in flight.");
        }
        else
        {
            message = $"the price of {candidate} is unknown, so the budget of {limit} CNY cannot be kept; add its prices to ChineseLlm:Models.";
        }

        var refused = new ChineseLlmException(candidate.Provider, LlmErrorKind.BudgetExceeded, message, innerException: previousFailure);
        call.Attach(refused);
        throw refused;
    }

    private async ValueTask SettleAsync(SpendReservation? reservation, decimal cost)
    {
        if (reservation is null)
        {
            return;
        }

        try
        {
            // Not the caller's token: the call has happened and must be counted.
            await _ledger.SettleAsync(reservation, cost, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.LedgerFailed(_logger, ex, "settle", reservation.Id);
        }
    }

    private async ValueTask ReleaseAsync(SpendReservation? reservation)
    {
        if (reservation is null)
        {
            return;
        }

        try
        {
            await _ledger.ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.LedgerFailed(_logger, ex, "release", reservation.Id);
        }
    }

    /// <summary>Records a failed attempt before any content reached the caller; returns it to fail over, or throws it.</summary>
    private async ValueTask<Exception> OnFailureAsync(RoutedCall call, PlannedRoute candidate, Exception exception, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            call.Record(candidate, cost: null, RoutingAttemptOutcome.Canceled, error: null, kind: null, duration);
            ExceptionDispatchInfo.Throw(exception);
        }

        var action = FailurePolicy.Classify(exception, out var kind);
        call.Record(candidate, cost: null, RoutingAttemptOutcome.Failed, exception, kind, duration);
        switch (action)
        {
            case FailureAction.Propagate:
                call.Attach(exception);
                ExceptionDispatchInfo.Throw(exception);
                break;

            case FailureAction.CoolDownAndFailOver:
                call.CoolDown(candidate.Provider);
                if (call.Settings.Cooldown > TimeSpan.Zero)
                {
                    await _health.StartCooldownAsync(candidate.Provider, kind!.Value, call.Settings.Cooldown, CancellationToken.None).ConfigureAwait(false);
                    Log.CoolingDown(_logger, candidate.Provider, call.Settings.Cooldown, kind);
                }

                break;

            case FailureAction.FailOverToLargerContext:
                call.RequireLargerContextThan(candidate);
                break;

            case FailureAction.FailOver when kind == LlmErrorKind.ModelNotFound:
                await MarkModelUnavailableAsync(call, candidate).ConfigureAwait(false);
                break;
        }

        Log.FailingOver(_logger, candidate.Provider, candidate.ModelId, kind);
        return exception;
    }

    /// <summary>Leaves a catalog model its provider does not serve out of later calls for <see cref="RoutingOptions.ModelNotFoundCooldown"/>.</summary>
    private async ValueTask MarkModelUnavailableAsync(RoutedCall call, PlannedRoute candidate)
    {
        var duration = call.Settings.ModelNotFoundCooldown;
        if (duration <= TimeSpan.Zero || candidate.Card is not { } card || !ModelAvailability.CanTrack(candidate.ModelId))
        {
            return;
        }

        try
        {
            // Not the caller's token: the vendor has answered, the fact is worth keeping.
            await _health.StartCooldownAsync(ModelAvailability.KeyOf(candidate.Provider, candidate.ModelId), LlmErrorKind.ModelNotFound, duration, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A store that cannot keep it must not fail the call; the next call will find out again.
            Log.ModelUnavailableNotRecorded(_logger, ex, candidate.Provider, candidate.ModelId);
        }

        Log.ModelUnavailable(_logger, candidate.Provider, candidate.ModelId, card.Tier, card.Source, duration);
    }
}
