using ChineseLlm.Client;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Samples.SemanticKernel;

/// <summary>
/// Adds up what the router charged for each round trip of a Semantic Kernel call (<c>GetCost()</c> of every response),
/// and remembers which provider and model answered last.
/// </summary>
internal sealed class CostMeter
{
    public decimal Total { get; private set; }

    public int Calls { get; private set; }

    public string? Provider { get; private set; }

    public string? Model { get; private set; }

    public IChatClient Wrap(IChatClient inner) => new Metered(inner, this);

    private void Record(ChatResponse response)
    {
        Calls++;
        Total += response.GetCost() ?? 0m;
        Provider = response.GetProvider();
        Model = response.ModelId;
    }

    private sealed class Metered(IChatClient inner, CostMeter meter) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            meter.Record(response);
            return response;
        }
    }
}
