namespace ChineseLlm.Client.Http;

/// <summary>
/// What one wire protocol really sends to its vendor: images, a JSON response format (mode, and whether a schema),
/// tools and the reasoning switch. A provider client answers it from <see cref="IChatClient.GetService"/>, so it is
/// found through any middleware around the client; the router intersects it with the catalog row's capabilities, so a
/// call that needs what a protocol drops never goes to it.
/// </summary>
/// <param name="Protocol">The protocol's name, for skip details (<c>Hunyuan native</c>, <c>DeepSeek (OpenAI-compatible)</c>).</param>
/// <param name="Sends">The capabilities whose requests the protocol carries (<see cref="ModelCapabilities.Reasoning"/>: it maps <c>ChatOptions.Reasoning</c> to the vendor's switch).</param>
/// <param name="SendsJsonSchema">Whether a response schema is sent as such (otherwise a JSON call gets JSON mode, the schema unenforced).</param>
internal sealed record ProtocolCapabilities(string Protocol, ModelCapabilities Sends, bool SendsJsonSchema)
{
    /// <summary>The capabilities a call can require (<c>RoutePlanner.RequiredCapabilities</c>), the ones intersected.</summary>
    public const ModelCapabilities Routed = ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Json;

    /// <summary>What a client that declares nothing (a custom <see cref="IChatClient"/>) is trusted to send: everything.</summary>
    public static readonly ProtocolCapabilities Undeclared = new(
        "undeclared", ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Json | ModelCapabilities.Reasoning, SendsJsonSchema: true);

    /// <summary>Reads a client's declaration, or <see cref="Undeclared"/>.</summary>
    public static ProtocolCapabilities Of(IChatClient client)
        => client.GetService(typeof(ProtocolCapabilities)) as ProtocolCapabilities ?? Undeclared;

    /// <summary>Returns the routed capabilities of <paramref name="required"/> this protocol drops.</summary>
    public ModelCapabilities Drops(ModelCapabilities required) => required & Routed & ~Sends;
}
