using System.Diagnostics;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// The span of one routed call (<c>route {tier}</c>, kind Internal): the provider calls it makes are its children, and
/// the routing decision is recorded on it as events — the eligible candidates in cost order, the skipped models with the
/// reason, and each attempt with its outcome.
/// </summary>
internal sealed class RouteScope : IDisposable
{
    public const string CandidateEvent = "chinesellm.routing.candidate";
    public const string SkipEvent = "chinesellm.routing.skip";
    public const string AttemptEvent = "chinesellm.routing.attempt";

    private readonly Activity? _activity;
    private bool _recorded;

    private RouteScope(Activity? activity) => _activity = activity;

    /// <summary>Opens the span (when anyone listens) and makes it current, so provider spans become its children.</summary>
    public static RouteScope Start(ChatOptions? options, bool streaming)
    {
        var source = ChatInstrumentation.ActivitySource;
        var activity = source.HasListeners() ? source.StartActivity("route", ActivityKind.Internal) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.OperationName, TelemetryTags.ChatOperation);
            if (options?.ModelId is { } pinned)
            {
                activity.SetTag(TelemetryTags.RoutingPinnedModel, pinned);
            }

            if (streaming)
            {
                activity.SetTag(TelemetryTags.RequestStream, true);
            }
        }

        return new RouteScope(activity);
    }

    /// <summary>Makes the span current again (an async iterator resumes in its consumer's context).</summary>
    public void RestoreCurrent()
    {
        if (_activity is not null)
        {
            Activity.Current = _activity;
        }
    }

    /// <summary>Records a decision that ended with an answer.</summary>
    public void Succeeded(RoutingDecision? decision)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        if (_activity is { IsAllDataRequested: true } activity && decision is not null)
        {
            Record(activity, decision);
        }
    }

    /// <summary>Records a failed call, with the decision the router attached to the exception.</summary>
    public void Failed(Exception exception)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        if (_activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var llm = exception as ChineseLlmException;
        activity.SetTag(TelemetryTags.ErrorType, llm?.Kind.ToString() ?? exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (llm?.GetRoutingDecision() is { } decision)
        {
            Record(activity, decision);
        }
    }

    public void Dispose() => _activity?.Dispose();

    private static void Record(Activity activity, RoutingDecision decision)
    {
        activity.DisplayName = "route " + (decision.RequestedModelId ?? decision.RequestedTier.ToString());
        activity.SetTag(TelemetryTags.RoutingTier, decision.RequestedTier.ToString());
        activity.SetTag(TelemetryTags.RoutingEstimatedInputTokens, decision.EstimatedInputTokens);
        activity.SetTag(TelemetryTags.RoutingEstimatedOutputTokens, decision.EstimatedOutputTokens);
        activity.SetTag(TelemetryTags.RoutingAttempts, decision.Attempts.Count);
        if (decision.Provider is { } provider)
        {
            activity.SetTag(TelemetryTags.ProviderName, provider);
            activity.SetTag(TelemetryTags.ResponseModel, decision.ModelId);
        }

        if (decision.Cost is { } cost)
        {
            activity.SetTag(TelemetryTags.Cost, (double)cost);
        }

        foreach (var candidate in decision.Candidates)
        {
            var tags = new ActivityTagsCollection
            {
                [TelemetryTags.ProviderName] = candidate.Provider,
                [TelemetryTags.RequestModel] = candidate.ModelId,
            };
            if (candidate.Tier is { } tier)
            {
                tags[TelemetryTags.RoutingTier] = tier.ToString();
            }

            if (candidate.EstimatedCost is { } estimate)
            {
                tags[TelemetryTags.EstimatedCost] = (double)estimate;
            }

            if (candidate.SkipReason is { } reason)
            {
                tags[TelemetryTags.RoutingSkipReason] = reason.ToString();
                if (candidate.SkipDetail is { } detail)
                {
                    tags[TelemetryTags.RoutingSkipDetail] = detail;
                }
            }

            activity.AddEvent(new ActivityEvent(candidate.IsEligible ? CandidateEvent : SkipEvent, tags: tags));
        }

        foreach (var attempt in decision.Attempts)
        {
            var tags = new ActivityTagsCollection
            {
                [TelemetryTags.ProviderName] = attempt.Provider,
                [TelemetryTags.RequestModel] = attempt.ModelId,
                [TelemetryTags.RoutingOutcome] = attempt.Outcome.ToString(),
                [TelemetryTags.RoutingDurationSeconds] = attempt.Duration.TotalSeconds,
            };
            if (attempt.ErrorKind is { } kind)
            {
                tags[TelemetryTags.ErrorType] = kind.ToString();
            }

            if (attempt.Cost is { } attemptCost)
            {
                tags[TelemetryTags.Cost] = (double)attemptCost;
            }

            activity.AddEvent(new ActivityEvent(AttemptEvent, tags: tags));
        }
    }
}
