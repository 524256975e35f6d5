using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// A provider client for router tests: records every call's model id and answers through callbacks, by default with
/// a text naming the provider and model and a fixed usage.
/// </summary>
internal sealed class ScriptedChatClient(string provider) : IChatClient
{
    public string Provider { get; } = provider;

    /// <summary>Gets or sets the usage every default answer reports.</summary>
    public UsageDetails Usage { get; set; } = new() { InputTokenCount = 1_000, OutputTokenCount = 500, TotalTokenCount = 1_500 };

    /// <summary>Gets or sets the non-streaming behaviour; the default answers with <see cref="Answer"/>.</summary>
    public Func<IList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? OnResponse { get; set; }

    /// <summary>Gets or sets the streaming behaviour; the default streams <see cref="Answer"/> in two text updates and a usage update.</summary>
    public Func<IList<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? OnStream { get; set; }

    public ConcurrentQueue<string?> Calls { get; } = new();

    public string Answer(ChatOptions? options) => $"{Provider}:{options?.ModelId}";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(options?.ModelId);
        var list = messages.ToList();
        return OnResponse is { } respond
            ? respond(list, options, cancellationToken)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(options)))
            {
                ModelId = options?.ModelId,
                ResponseId = "resp-" + Provider,
                Usage = Usage,
            });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(options?.ModelId);
        var list = messages.ToList();
        return OnStream is { } stream ? stream(list, options, cancellationToken) : DefaultStream(options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>Streams the default answer: two text halves, then a final update with the finish reason and the usage.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> DefaultStream(ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = Answer(options);
        var half = text.Length / 2;
        await Task.Yield();
        yield return Update(text[..half], options);
        cancellationToken.ThrowIfCancellationRequested();
        yield return Update(text[half..], options);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage)])
        {
            ModelId = options?.ModelId,
            ResponseId = "resp-" + Provider,
            MessageId = "resp-" + Provider,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public ChatResponseUpdate Update(string text, ChatOptions? options) => new(ChatRole.Assistant, text)
    {
        ModelId = options?.ModelId,
        ResponseId = "resp-" + Provider,
        MessageId = "resp-" + Provider,
    };
}
