using System.Runtime.CompilerServices;
using ChineseLlm.Client.Routing;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client;

/// <summary>The traced entry points: each routed call is a <c>route</c> span whose children are the provider calls.</summary>
public sealed partial class CostAwareChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// The response carries the provider, the cost and the routing decision (<see cref="ChatResponseRoutingExtensions"/>).
    /// The call is traced as a <c>route</c> span of the <c>ChineseLlm.Client</c> source, with the decision as events.
    /// </remarks>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        CallerInput.ThrowIfInvalid(RoutingDefaults.RouterName, messages, options);

        using var route = RouteScope.Start(options, streaming: false);
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

        using var route = RouteScope.Start(options, streaming: true);
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
}
