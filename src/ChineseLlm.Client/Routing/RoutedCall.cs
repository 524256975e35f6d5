using System.Collections.ObjectModel;
using System.Runtime.ExceptionServices;
using ProtocolCapabilities = ChineseLlm.Client.Http.ProtocolCapabilities;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The state of one routed request: which candidate comes next after a failure, the attempts made, and the decision
/// they add up to. Used by one request at a time.
/// </summary>
/// <remarks>
/// A call usually starts with the <see cref="RouteTable"/>'s choice alone and builds the full <see cref="Plan"/> only
/// when it needs more: a second candidate after a failure, the reason nothing could be tried, or the candidates of
/// its <see cref="RoutingDecision"/> when someone reads them. The plan is the same either way (same settings, request,
/// time and cooldowns), so the decision a caller reads does not depend on whether it was built early or late.
/// </remarks>
/// <param name="settings">The settings in force when the call started.</param>
/// <param name="request">What the request asks for.</param>
/// <param name="now">When the call started (prices, retirement, budget period).</param>
/// <param name="cooldowns">The cooldowns read when the call started.</param>
/// <param name="providers">The configured providers' clients by key.</param>
/// <param name="protocols">What each provider's protocol sends, by key.</param>
/// <param name="first">The <see cref="RouteTable"/>'s choice, tried before the plan is built; <see langword="null"/> to start from the full plan.</param>
internal sealed class RoutedCall(
    RouterSettings settings,
    RouteRequest request,
    DateTimeOffset now,
    IReadOnlyDictionary<string, ProviderCooldown> cooldowns,
    IReadOnlyDictionary<string, IChatClient> providers,
    IReadOnlyDictionary<string, ProtocolCapabilities>? protocols,
    PlannedRoute? first)
{
    private readonly List<RoutingAttempt> _attempts = [];
    private readonly HashSet<string> _cooledDown = new(StringComparer.OrdinalIgnoreCase);
    private readonly PlannedRoute? _first = first;
    private RoutePlan? _plan;
    private bool _firstTried;
    private int _next;
    private int? _contextFloor;

    public RouterSettings Settings { get; } = settings;

    public RouteRequest Request { get; } = request;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Gets the full plan, built on first use.</summary>
    /// <exception cref="ChineseLlmException">The request pins a model that no configured provider serves.</exception>
    public RoutePlan Plan => _plan ??= RoutePlanner.Plan(Settings, providers, Request, Now, cooldowns, protocols);

    public int ProviderCount => providers.Count;

    public int AttemptCount => _attempts.Count;

    /// <summary>Returns the next candidate to try, skipping those ruled out by earlier failures; <see langword="null"/> when none is left.</summary>
    public PlannedRoute? Next()
    {
        if (Settings.MaxAttempts is { } max && _attempts.Count >= max)
        {
            return null;
        }

        if (_first is not null && !_firstTried)
        {
            _firstTried = true;
            return _first;
        }

        var eligible = Plan.Eligible;
        while (_next < eligible.Count)
        {
            var candidate = eligible[_next++];
            if (_first is not null && IsSame(candidate, _first))
            {
                continue; // tried first, from the table
            }

            if (_cooledDown.Contains(candidate.Provider))
            {
                candidate.Skip(RoutingSkipReason.ProviderCoolingDown, "its provider failed during this call");
                continue;
            }

            if (_contextFloor is { } floor && (candidate.Card?.ContextWindow is not { } window || window <= floor))
            {
                candidate.Skip(RoutingSkipReason.ContextNotLargerThanFailed, $"context window {candidate.Card?.ContextWindow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} ≤ {floor}");
                continue;
            }

            return candidate;
        }

        return null;
    }

    private static bool IsSame(PlannedRoute a, PlannedRoute b)
        => string.Equals(a.Provider, b.Provider, StringComparison.Ordinal) && string.Equals(a.ModelId, b.ModelId, StringComparison.Ordinal);

    /// <summary>Leaves the rest of a provider's models out of this request.</summary>
    public void CoolDown(string provider) => _cooledDown.Add(provider);

    /// <summary>After a context-length failure, only models with a larger context window may follow.</summary>
    public void RequireLargerContextThan(PlannedRoute failed)
        => _contextFloor = Math.Max(_contextFloor ?? 0, failed.Card?.ContextWindow ?? int.MaxValue);

    public void Record(PlannedRoute candidate, decimal? cost, RoutingAttemptOutcome outcome, Exception? error, LlmErrorKind? kind, TimeSpan duration)
        => _attempts.Add(new RoutingAttempt(
            candidate.Provider,
            candidate.ModelId,
            candidate.Estimate,
            cost,
            outcome,
            kind,
            error switch
            {
                null => null,

                // Our exceptions never carry a credential; others may (a URL with a key), so only their type is kept.
                ChineseLlmException llm => llm.Message,
                _ => error.GetType().Name,
            },
            duration));

    public RoutingDecision Decide(PlannedRoute? answered, decimal? cost)
        => new(
            Request.Tier,
            Request.PinnedModelId,
            Request.Required,
            Request.InputTokens,
            Request.OutputTokens,
            Now,
            _plan is { } plan ? Candidates(plan) : new DeferredCandidates(this),
            _attempts.ToList().AsReadOnly(),
            answered?.Provider,
            answered?.ModelId,
            cost);

    /// <summary>Every candidate of a plan, the eligible ones first in the order tried, then those left out.</summary>
    private static ReadOnlyCollection<RoutingCandidate> Candidates(RoutePlan plan)
    {
        var candidates = new List<RoutingCandidate>(plan.Eligible.Count + plan.Skipped.Count);
        candidates.AddRange(plan.Eligible.Select(c => c.ToPublic()));
        candidates.AddRange(plan.Skipped.Select(c => c.ToPublic()));
        return candidates.AsReadOnly();
    }

    /// <summary>
    /// The candidates of a call answered by the table's choice, listed from the plan when first read (tracing, a caller
    /// looking at the decision); a call nobody asks about never builds them.
    /// </summary>
    private sealed class DeferredCandidates(RoutedCall call) : IReadOnlyList<RoutingCandidate>
    {
        private readonly Lock _gate = new();
        private ReadOnlyCollection<RoutingCandidate>? _list;

        public int Count => List.Count;

        public RoutingCandidate this[int index] => List[index];

        private ReadOnlyCollection<RoutingCandidate> List
        {
            get
            {
                if (Volatile.Read(ref _list) is { } list)
                {
                    return list;
                }

                // Built once: a decision may be read from several threads (a response shared after the call).
                lock (_gate)
                {
                    return _list ??= Candidates(call.Plan);
                }
            }
        }

        public IEnumerator<RoutingCandidate> GetEnumerator() => List.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Attaches the decision so far to a failure the caller will see.</summary>
    public void Attach(Exception exception) => exception.Data[ChatResponseRoutingExtensions.ExceptionDataKey] = Decide(answered: null, cost: null);

    /// <summary>Throws when no candidate is left: the last failure, or why nothing could be tried.</summary>
    public Exception Exhausted(Exception? lastFailure)
    {
        if (lastFailure is not null)
        {
            Attach(lastFailure);
            ExceptionDispatchInfo.Throw(lastFailure);
        }

        ChineseLlmException failure;
        if (ProviderCount == 0)
        {
            failure = new ChineseLlmException(RoutingDefaults.RouterName, LlmErrorKind.ModelNotFound,
                "no provider is configured; set ChineseLlm:Providers:<Name>:ApiKey for at least one provider.");
        }
        else if (Plan.Skipped.Where(c => c.CooldownKind is not null).Order(RoutePlanner.Order).FirstOrDefault() is { } cheapest)
        {
            // Every model that would have served the call is cooling down (its provider, or itself after ModelNotFound): report the cheapest one's reason.
            failure = new ChineseLlmException(cheapest.Provider, cheapest.CooldownKind!.Value,
                cheapest.SkipReason == RoutingSkipReason.ModelUnavailable
                    ? $"every model that meets the call is cooling down after a failure; the cheapest, {cheapest}, was answered ModelNotFound and is left out ({cheapest.SkipDetail})."
                    : $"every model that meets the call belongs to a provider cooling down after a failure; the cheapest, {cheapest}, is cooling down ({cheapest.SkipDetail}).");
        }
        else
        {
            var requirement = Plan.PinnedModelId is { } pinned
                ? $"the pinned model {pinned}"
                : $"tier {Plan.Tier} or above{(Plan.Required == ModelCapabilities.None ? string.Empty : ", " + Plan.Required)}, {Plan.InputTokens} input + {Plan.OutputTokens} output tokens";
            failure = new ChineseLlmException(RoutingDefaults.RouterName, LlmErrorKind.ModelNotFound,
                $"no configured model can serve the call ({requirement}): " + string.Join("; ", Plan.Skipped.Select(c => c.ToPublic().ToString())) + ".");
        }

        Attach(failure);
        return failure;
    }
}
