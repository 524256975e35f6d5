namespace ChineseLlm.Client;

/// <summary>
/// Reads what the cost-aware router recorded on a response: the provider that answered, the cost in CNY and the
/// routing decision.
/// </summary>
/// <remarks>
/// <para>The router records them in <c>AdditionalProperties</c> of the response and of its last message, and of the
/// final streaming update. Responses of a provider client used directly carry none of them (the methods return
/// <see langword="null"/>).</para>
/// <para>When a function-invocation loop (<c>UseFunctionInvocation</c>) sits on top of the router, one response spans
/// several routed calls; <see cref="GetCost(ChatResponse)"/> then adds up the cost recorded on each call's message, and
/// <see cref="GetProvider(ChatResponse)"/> and <see cref="GetRoutingDecision(ChatResponse)"/> describe the last call.</para>
/// </remarks>
public static class ChatResponseRoutingExtensions
{
    internal const string ProviderKey = "chinesellm.provider";
    internal const string CostKey = "chinesellm.cost";
    internal const string DecisionKey = "chinesellm.routing_decision";
    internal const string ExceptionDataKey = "ChineseLlm.RoutingDecision";

    /// <summary>Gets the cost of the call in CNY, computed from the usage the provider reported and the model's catalog prices.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The cost at full precision, or <see langword="null"/> when the response did not come through the router, reported no usage, or the model is unpriced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static decimal? GetCost(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);

        // A response assembled from several routed calls (function invocation, ToChatResponse) carries one cost per call's message.
        decimal total = 0m;
        var found = false;
        foreach (var message in response.Messages)
        {
            if (message.AdditionalProperties is { } properties && properties.TryGetValue(CostKey, out var value))
            {
                found = true;
                if (ReadDecimal(value) is not { } cost)
                {
                    return null;
                }

                total += cost;
            }
        }

        return found ? total : ReadCost(response.AdditionalProperties);
    }

    /// <summary>Gets the cost of the call in CNY; set on the final update of a routed stream.</summary>
    /// <param name="update">The streaming update.</param>
    /// <returns>The cost at full precision, or <see langword="null"/> on other updates, or when the cost is unknown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    public static decimal? GetCost(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return ReadCost(update.AdditionalProperties);
    }

    /// <summary>Gets the key of the provider that answered, such as <c>deepseek</c>.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The provider key, or <see langword="null"/> when the response did not come through the router.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static string? GetProvider(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ReadString(response.AdditionalProperties, ProviderKey) ?? FromLastMessage(response, m => ReadString(m.AdditionalProperties, ProviderKey));
    }

    /// <summary>Gets the key of the provider that answered; set on the final update of a routed stream.</summary>
    /// <param name="update">The streaming update.</param>
    /// <returns>The provider key, or <see langword="null"/> on other updates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    public static string? GetProvider(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return ReadString(update.AdditionalProperties, ProviderKey);
    }

    /// <summary>Gets what the router did for the call: candidates, skip reasons, attempts and the chosen model.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The decision, or <see langword="null"/> when the response did not come through the router.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static RoutingDecision? GetRoutingDecision(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ReadDecision(response.AdditionalProperties) ?? FromLastMessage(response, m => ReadDecision(m.AdditionalProperties));
    }

    /// <summary>Gets what the router did for the call; set on the final update of a routed stream.</summary>
    /// <param name="update">The streaming update.</param>
    /// <returns>The decision, or <see langword="null"/> on other updates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    public static RoutingDecision? GetRoutingDecision(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return ReadDecision(update.AdditionalProperties);
    }

    /// <summary>Gets what the router did for a call that failed: the candidates and every attempt.</summary>
    /// <param name="exception">The exception the router threw.</param>
    /// <returns>The decision, or <see langword="null"/> when the exception did not come from the router.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static RoutingDecision? GetRoutingDecision(this ChineseLlmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[ExceptionDataKey] as RoutingDecision;
    }

    /// <summary>Records the router's results on a set of additional properties.</summary>
    internal static void Record(AdditionalPropertiesDictionary properties, string provider, decimal? cost, RoutingDecision? decision)
    {
        properties[ProviderKey] = provider;
        properties[CostKey] = cost;
        if (decision is not null)
        {
            properties[DecisionKey] = decision;
        }
    }

    private static T? FromLastMessage<T>(ChatResponse response, Func<ChatMessage, T?> read)
        where T : class
    {
        for (var i = response.Messages.Count - 1; i >= 0; i--)
        {
            if (read(response.Messages[i]) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static decimal? ReadCost(AdditionalPropertiesDictionary? properties)
        => properties is not null && properties.TryGetValue(CostKey, out var value) ? ReadDecimal(value) : null;

    /// <summary>Reads a cost stored as a decimal, or as a number after the properties went through JSON (a caching client).</summary>
    private static decimal? ReadDecimal(object? value) => value switch
    {
        decimal d => d,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
        JsonElement { ValueKind: JsonValueKind.String } e when decimal.TryParse(e.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string? ReadString(AdditionalPropertiesDictionary? properties, string key)
        => properties is not null && properties.TryGetValue(key, out var value)
            ? value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            }
            : null;

    private static RoutingDecision? ReadDecision(AdditionalPropertiesDictionary? properties)
        => properties is not null && properties.TryGetValue(DecisionKey, out var value) ? value as RoutingDecision : null;
}
