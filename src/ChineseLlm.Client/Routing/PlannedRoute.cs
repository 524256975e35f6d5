namespace ChineseLlm.Client.Routing;

/// <summary>A model the router may call for one request, with the provider client that serves it and its estimated cost.</summary>
internal sealed class PlannedRoute
{
    public PlannedRoute(string provider, string modelId, ModelCard? card, IChatClient client, decimal? estimate)
    {
        Provider = provider;
        ModelId = modelId;
        Card = card;
        Client = client;
        Estimate = estimate;
    }

    public string Provider { get; }

    public string ModelId { get; }

    /// <summary>Gets the catalog card; <see langword="null"/> for a pinned <c>provider/model</c> the catalog does not know.</summary>
    public ModelCard? Card { get; }

    /// <summary>Gets the client of the candidate's provider.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the estimated cost in CNY, or <see langword="null"/> when the model cannot be priced.</summary>
    public decimal? Estimate { get; }

    public RoutingSkipReason? SkipReason { get; private set; }

    public string? SkipDetail { get; private set; }

    public bool IsEligible => SkipReason is null;

    /// <summary>Gets the failure that cooled the provider down, when that is why the candidate was skipped.</summary>
    public LlmErrorKind? CooldownKind { get; private set; }

    public void Skip(RoutingSkipReason reason, string? detail)
    {
        SkipReason = reason;
        SkipDetail = detail;
    }

    public void SkipForCooldown(ProviderCooldown cooldown)
    {
        Skip(RoutingSkipReason.ProviderCoolingDown, RoutePlanner.Describe(cooldown));
        CooldownKind = cooldown.Reason;
    }

    /// <summary>Skips a model its provider answered <see cref="LlmErrorKind.ModelNotFound"/> for recently.</summary>
    public void SkipForUnavailableModel(ProviderCooldown cooldown)
    {
        Skip(RoutingSkipReason.ModelUnavailable, RoutePlanner.Describe(cooldown));
        CooldownKind = cooldown.Reason;
    }

    public RoutingCandidate ToPublic() => new(Provider, ModelId, Card?.Tier, Estimate, SkipReason, SkipDetail);

    public override string ToString() => Provider + "/" + ModelId;
}
