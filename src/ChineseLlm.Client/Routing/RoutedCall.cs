using System.Runtime.ExceptionServices;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The state of one routed request: which candidate comes next after a failure, the attempts made, and the decision
/// they add up to. Used by one request at a time.
/// </summary>
internal sealed class RoutedCall
{
    private readonly List<RoutingAttempt> _attempts = [];
    private readonly HashSet<string> _cooledDown = new(StringComparer.OrdinalIgnoreCase);
    private int _next;
    private int? _contextFloor;

    public RoutedCall(RouterSettings settings, RoutePlan plan, int providerCount)
    {
        Settings = settings;
        Plan = plan;
        ProviderCount = providerCount;
    }

    public RouterSettings Settings { get; }

    public RoutePlan Plan { get; }

    public int ProviderCount { get; }

    public int AttemptCount => _attempts.Count;

    /// <summary>Returns the next candidate to try, skipping those ruled out by earlier failures; <see langword="null"/> when none is left.</summary>
    public PlannedRoute? Next()
    {
        if (Settings.MaxAttempts is { } max && _attempts.Count >= max)
        {
            return null;
        }

        while (_next < Plan.Eligible.Count)
        {
            var candidate = Plan.Eligible[_next++];
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
    {
        var candidates = new List<RoutingCandidate>(Plan.Eligible.Count + Plan.Skipped.Count);
        candidates.AddRange(Plan.Eligible.Select(c => c.ToPublic()));
        candidates.AddRange(Plan.Skipped.Select(c => c.ToPublic()));
        return new RoutingDecision(
            Plan.Tier,
            Plan.PinnedModelId,
            Plan.Required,
            Plan.InputTokens,
            Plan.OutputTokens,
            Plan.Now,
            candidates.AsReadOnly(),
            _attempts.ToList().AsReadOnly(),
            answered?.Provider,
            answered?.ModelId,
            cost);
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
