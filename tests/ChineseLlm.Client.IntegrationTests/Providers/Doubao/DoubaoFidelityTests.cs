using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Doubao;

/// <summary>Ark behaviours checked against volcenginesdkarkruntime (docs/protocols/doubao.md, "Differences found").</summary>
public sealed class DoubaoFidelityTests : VendorWireTests
{
    protected override string PayloadFolder => "doubao";

    private static List<ChatMessage> Hello => [new(ChatRole.User, "你好")];

    /// <summary>
    /// The SDK raises an API error for any truthy <c>error</c> in a stream event — an object, or a bare string, for
    /// which it uses a generic message (volcenginesdkarkruntime/_streaming.py, Stream.__stream__).
    /// </summary>
    [Fact]
    public async Task GetStreamingResponseAsync_ErrorAsStringMidStream_IsTheProvidersErrorNotAProtocolFailure()
    {
        Serve("stream-error-string-midstream.sse", requestIdHeader: "x-request-id");
        using var client = new DoubaoChatClient(new DoubaoOptions { ApiKey = SecretApiKey, Endpoint = new Uri(Server.Url!), MaxRetryAttempts = 0 });
        var seen = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                seen.Add(update);
            }
        });

        Assert.Single(seen); // the reasoning delta before the failure
        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Contains("upstream inference failed", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.RequestId);
    }
}
