using ChineseLlm.Client.Catalog;
using ProtocolCapabilities = ChineseLlm.Client.Http.ProtocolCapabilities;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// Chooses the candidate models for one request: catalog models of configured providers with the requested tier or
/// above, the capabilities the request needs, a context window and price bands that fit the estimate, a known price and
/// a provider that is not cooling down, never a model past its <see cref="ModelCard.Retired"/> date; ordered by estimated cost.
/// </summary>
internal static class RoutePlanner
{
    /// <summary>The order candidates are tried in: estimated cost, then higher tier, then provider key, then model id.</summary>
    public static readonly IComparer<PlannedRoute> Order = Comparer<PlannedRoute>.Create(static (a, b) =>
    {
        var byCost = (a.Estimate ?? decimal.MaxValue).CompareTo(b.Estimate ?? decimal.MaxValue);
        if (byCost != 0)
        {
            return byCost;
        }

        var byTier = (b.Card?.Tier ?? ModelTier.Lite).CompareTo(a.Card?.Tier ?? ModelTier.Lite);
        if (byTier != 0)
        {
            return byTier;
        }

        var byProvider = string.CompareOrdinal(a.Provider, b.Provider);
        return byProvider != 0 ? byProvider : string.CompareOrdinal(a.ModelId, b.ModelId);
    });

    /// <summary>Plans a request.</summary>
    /// <param name="settings">The catalog and routing options.</param>
    /// <param name="providers">The configured providers' clients by lower-case key.</param>
    /// <param name="request">What the request asks for (<see cref="RouteRequest.Of"/>).</param>
    /// <param name="now">The current time; picks time-of-day prices.</param>
    /// <param name="cooldowns">The providers cooling down by key, and the models left out after <see cref="LlmErrorKind.ModelNotFound"/> by <see cref="ModelAvailability.KeyOf"/>.</param>
    /// <param name="protocols">What each provider's protocol sends, by key (<see cref="ProtocolCapabilities.Of"/>); a provider missing here is trusted to send everything.</param>
    /// <exception cref="ChineseLlmException">The request pins a model that no configured provider serves (<see cref="LlmErrorKind.ModelNotFound"/>).</exception>
    public static RoutePlan Plan(
        RouterSettings settings,
        IReadOnlyDictionary<string, IChatClient> providers,
        in RouteRequest request,
        DateTimeOffset now,
        IReadOnlyDictionary<string, ProviderCooldown> cooldowns,
        IReadOnlyDictionary<string, ProtocolCapabilities>? protocols = null)
    {
        var (tier, required, input, output, thinking, pinned, maxOutputTokens) = request;

        // Sized once: every catalog row becomes one of the two (no regrowth while planning).
        var eligible = new List<PlannedRoute>(Math.Min(settings.Catalog.Models.Count, 16));
        var skipped = new List<PlannedRoute>(settings.Catalog.Models.Count);
        var considered = pinned is null
            ? Consider(settings.Catalog, providers)
            : ResolvePinned(settings.Catalog, providers, pinned);
        foreach (var (card, provider, modelId, client) in considered)
        {
            decimal? estimate = card is not null && card.IsRoutable
                ? CostCalculator.Estimate(card, input, output, now, thinking: thinking)
                : null;
            var candidate = new PlannedRoute(provider, modelId, card, client, estimate);
            if (pinned is null)
            {
                CheckRequirements(candidate, card!, tier, required, input, output, maxOutputTokens, now);
                if (candidate.IsEligible && required != ModelCapabilities.None && protocols is not null
                    && protocols.TryGetValue(provider, out var protocol) && protocol.Drops(required) is var dropped && dropped != ModelCapabilities.None)
                {
                    // The row has it, but the protocol in use would not send it (docs/catalog.md: eligibility is what will really be sent).
                    candidate.Skip(RoutingSkipReason.MissingCapabilities, $"needs {dropped}, which the {protocol.Protocol} protocol does not send");
                }
            }

            if (candidate.IsEligible && cooldowns.Count > 0)
            {
                if (cooldowns.TryGetValue(provider, out var cooldown))
                {
                    candidate.SkipForCooldown(cooldown);
                }
                else if (card is not null && cooldowns.TryGetValue(ModelAvailability.KeyOf(provider, modelId), out var unavailable))
                {
                    candidate.SkipForUnavailableModel(unavailable);
                }
            }

            (candidate.IsEligible ? eligible : skipped).Add(candidate);
        }

        eligible.Sort(Order);
        return new RoutePlan
        {
            Tier = tier,
            PinnedModelId = pinned,
            Required = required,
            InputTokens = input,
            OutputTokens = output,
            Thinking = thinking,
            Now = now,
            Eligible = eligible,
            Skipped = skipped,
        };
    }

    /// <summary>Returns the capabilities a request needs: tools when tools are given or the history holds tool calls, vision for images, JSON for a response format.</summary>
    public static ModelCapabilities RequiredCapabilities(IList<ChatMessage> messages, ChatOptions? options)
    {
        var required = ModelCapabilities.None;
        if (options?.Tools is { Count: > 0 })
        {
            required |= ModelCapabilities.Tools;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            required |= ModelCapabilities.Json;
        }

        // Indexed loops: this runs once per routed call, and an IList enumerator is an allocation per message.
        for (var m = 0; m < messages.Count; m++)
        {
            var contents = messages[m].Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                switch (contents[c])
                {
                    case DataContent data when IsImage(data.MediaType):
                    case UriContent uri when IsImage(uri.MediaType):
                        required |= ModelCapabilities.Vision;
                        break;
                    case FunctionCallContent or FunctionResultContent:
                        required |= ModelCapabilities.Tools;
                        break;
                }
            }
        }

        return required;
    }

    public static string Describe(ProviderCooldown cooldown)
        => string.Create(CultureInfo.InvariantCulture, $"{cooldown.Reason} until {cooldown.Until:u}");

    /// <summary>The skip details a plan repeats for most rows, formatted once: "Lite &lt; Standard" by (row tier, asked tier).</summary>
    private static readonly string[,] TierTooLowDetails = BuildTierTooLowDetails();

    /// <summary>"needs Tools, Vision" by the missing capability flags (every combination of the four).</summary>
    private static readonly string[] NeedsDetails = BuildNeedsDetails();

    private static string TierTooLowDetail(ModelTier? cardTier, ModelTier tier)
        => cardTier is { } t && (uint)t < (uint)TierTooLowDetails.GetLength(0) && (uint)tier < (uint)TierTooLowDetails.GetLength(1)
            ? TierTooLowDetails[(int)t, (int)tier]
            : $"{cardTier} < {tier}";

    private static string NeedsDetail(ModelCapabilities missing)
        => (uint)missing < (uint)NeedsDetails.Length ? NeedsDetails[(int)missing] : "needs " + missing;

    private static string[,] BuildTierTooLowDetails()
    {
        var tiers = Enum.GetValues<ModelTier>();
        var size = (int)tiers.Max() + 1;
        var details = new string[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var asked = 0; asked < size; asked++)
            {
                details[row, asked] = $"{(ModelTier)row} < {(ModelTier)asked}";
            }
        }

        return details;
    }

    private static string[] BuildNeedsDetails()
    {
        var all = Enum.GetValues<ModelCapabilities>().Aggregate(ModelCapabilities.None, (a, b) => a | b);
        var details = new string[(int)all + 1];
        for (var flags = 0; flags < details.Length; flags++)
        {
            details[flags] = "needs " + (ModelCapabilities)flags;
        }

        return details;
    }

    private static void CheckRequirements(PlannedRoute candidate, ModelCard card, ModelTier tier, ModelCapabilities required, long input, long output, int? maxOutputTokens, DateTimeOffset now)
    {
        if (card.IsRetiredAt(now))
        {
            candidate.Skip(RoutingSkipReason.Retired, string.Create(CultureInfo.InvariantCulture, $"retired {card.Retired:yyyy-MM-dd}{(card.ReplacedBy is null ? string.Empty : ", replaced by " + card.ReplacedBy)}"));
        }
        else if (card.Tier is not { } cardTier || cardTier < tier)
        {
            candidate.Skip(RoutingSkipReason.TierTooLow, TierTooLowDetail(card.Tier, tier));
        }
        else if (!card.IsRoutable)
        {
            candidate.Skip(RoutingSkipReason.PriceUnknown, "no input or output price in the catalog");
        }
        else if (!card.HasCapabilities(required))
        {
            candidate.Skip(RoutingSkipReason.MissingCapabilities, NeedsDetail(required & ~card.CapabilityFlags));
        }
        else if (card.ContextWindow is { } window && input + output > window)
        {
            candidate.Skip(RoutingSkipReason.ContextWindowTooSmall, string.Create(CultureInfo.InvariantCulture, $"{input} + {output} tokens > {window}"));
        }
        else if (maxOutputTokens is { } askedOutput && card.MaxOutputTokens is { } maxOutput && askedOutput > maxOutput)
        {
            candidate.Skip(RoutingSkipReason.OutputLimitTooSmall, string.Create(CultureInfo.InvariantCulture, $"MaxOutputTokens {askedOutput} > {maxOutput}"));
        }
        else if (candidate.Estimate is null)
        {
            candidate.Skip(RoutingSkipReason.InputBeyondPriceBands, string.Create(CultureInfo.InvariantCulture, $"{input} input tokens > {card.Bands[^1].MaxInputTokens}"));
        }
    }

    private static IEnumerable<(ModelCard? Card, string Provider, string ModelId, IChatClient Client)> Consider(
        ModelCatalog catalog, IReadOnlyDictionary<string, IChatClient> providers)
    {
        foreach (var card in catalog.Models)
        {
            if (providers.TryGetValue(card.Provider!, out var client))
            {
                yield return (card, card.Provider!, card.Id!, client);
            }
        }
    }

    /// <summary>
    /// Resolves a pinned model id: every configured provider's catalog model with that id; otherwise
    /// <c>provider/model</c> for a configured provider (a model the catalog does not know is called unpriced).
    /// </summary>
    private static List<(ModelCard? Card, string Provider, string ModelId, IChatClient Client)> ResolvePinned(
        ModelCatalog catalog, IReadOnlyDictionary<string, IChatClient> providers, string pinned)
    {
        var found = new List<(ModelCard?, string, string, IChatClient)>();
        var unconfigured = new List<string>();
        foreach (var card in catalog.Models)
        {
            if (string.Equals(card.Id, pinned, StringComparison.OrdinalIgnoreCase))
            {
                if (providers.TryGetValue(card.Provider!, out var client))
                {
                    found.Add((card, card.Provider!, card.Id!, client));
                }
                else
                {
                    unconfigured.Add(card.Provider!);
                }
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        var slash = pinned.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < pinned.Length - 1)
        {
            var provider = pinned[..slash].Trim().ToLowerInvariant();
            var modelId = pinned[(slash + 1)..].Trim();
            if (providers.TryGetValue(provider, out var client))
            {
                var card = catalog.Find(provider, modelId);
                found.Add((card, provider, card?.Id ?? modelId, client));
                return found;
            }

            unconfigured.Add(provider);
        }

        var message = unconfigured.Count > 0
            ? $"the model '{pinned}' belongs to {string.Join(", ", unconfigured.Distinct())}, which is not configured (ChineseLlm:Providers:<Name>:ApiKey)."
            : $"no configured provider ({string.Join(", ", providers.Keys.Order(StringComparer.Ordinal))}) has a catalog model '{pinned}'; add it to ChineseLlm:Models or pin it as 'provider/model'.";
        throw new ChineseLlmException(RoutingDefaults.RouterName, LlmErrorKind.ModelNotFound, message);
    }

    private static bool IsImage(string? mediaType)
        => mediaType is not null && mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
}
