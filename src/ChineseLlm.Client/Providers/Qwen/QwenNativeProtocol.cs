using System.Text;
using ChineseLlm.Client.Providers.Qwen.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>
/// The native DashScope protocol (facts: docs/protocols/qwen.md): <c>{model, input:{messages}, parameters}</c> to
/// text-generation (or multimodal-generation for vision models), incremental SSE streams with cumulative usage and no
/// <c>[DONE]</c>, and flat <c>{code, message, request_id}</c> errors — with an HTTP error status, or inside a 200 stream.
/// The <see cref="ProviderChatClient{TRequest, TEvent, TState}"/> driver sends and reads.
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed partial class QwenNativeProtocol : ChatProtocol<QwenGenerationRequest, QwenGenerationResponse, QwenNativeProtocol.StreamState>
{
    private const string ProviderKey = "qwen";


    private readonly Uri _textUri;
    private readonly Uri _multimodalUri;

    public QwenNativeProtocol(Uri endpoint)
    {
        _textUri = ProviderEndpoint.Combine(endpoint, QwenEndpoints.TextGenerationPath);
        _multimodalUri = ProviderEndpoint.Combine(endpoint, QwenEndpoints.MultimodalGenerationPath);
    }

    /// <inheritdoc />
    public override string ProviderName => ProviderKey;

    /// <summary>What this protocol sends: image parts, tools, json_object and json_schema, enable_thinking (QwenNativeProtocol.Request.cs).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("Qwen native", ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Json | ModelCapabilities.Reasoning, SendsJsonSchema: true);

    /// <inheritdoc />
    public override object? GetService(Type serviceType)
        => serviceType == typeof(ProtocolCapabilities) ? Capabilities : base.GetService(serviceType);

    /// <inheritdoc />
    public override IReadOnlyList<string> RequestIdHeaders => QwenErrorMapper.Instance.RequestIdHeaders;

    /// <summary>Builds the native client for validated options: the region's native domain unless an endpoint is set.</summary>
    public static IChatClient CreateClient(
        QwenOptions options,
        RequestAuthenticator authenticator,
        ProviderServices services)
    {
        var settings = ProviderClientSettings.From(options, QwenEndpoints.Native(options.Region), QwenChatClient.DefaultModelId);
        return ProviderChatClientFactory.Create(
            new QwenNativeProtocol(settings.Endpoint), settings, options, authenticator, services);
    }

    /// <inheritdoc />
    public override ChineseLlmException MapError(ProviderErrorResponse response) => QwenErrorMapper.Instance.MapError(response);

    /// <inheritdoc />
    public override QwenGenerationRequest BuildRequest(string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger) =>
        ToQwenRequest(defaultModel, messages, options, stream, logger);

    /// <inheritdoc />
    public override string GetModel(QwenGenerationRequest request) => request.Model;

    /// <inheritdoc />
    public override HttpRequestMessage CreateHttpRequest(QwenGenerationRequest request, bool stream)
    {
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, request.UsesMultimodalEndpoint ? _multimodalUri : _textUri);
        httpRequest.Content = WireJson.CreateContent(request, QwenJsonContext.Default.QwenGenerationRequest);
        if (stream)
        {
            // Quirk (docs/protocols/qwen.md): X-DashScope-SSE turns streaming on; the official SDK also sends the Accept header.
            httpRequest.Headers.TryAddWithoutValidation("X-DashScope-SSE", "enable");
            httpRequest.Headers.Accept.ParseAdd("text/event-stream");
        }

        return httpRequest;
    }

    /// <inheritdoc />
    public override ChatResponse ReadResponse(ReadOnlySpan<byte> json, QwenGenerationRequest request, int statusCode, string? requestId)
    {
        var result = JsonSerializer.Deserialize(json, QwenJsonContext.Default.QwenGenerationResponse)
            ?? throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was JSON null.", statusCode, requestId: requestId);
        if (result.Code is not null && result.Output is null)
        {
            throw QwenErrorMapper.Instance.MapError(new ProviderErrorResponse(statusCode, Encoding.UTF8.GetString(json), requestId, RetryAfter: null));
        }

        return FromQwenResponse(result, request.Model, requestId);
    }

    /// <inheritdoc />
    public override QwenGenerationResponse? ParseEvent(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize(data, QwenJsonContext.Default.QwenGenerationResponse);

    /// <inheritdoc />
    public override StreamState CreateStreamState(QwenGenerationRequest request, string? requestId) => new(request.Model, requestId);

    /// <inheritdoc />
    /// <remarks>Quirk (docs/protocols/qwen.md): no [DONE]; the stream ends when the server closes it after the finish event.</remarks>
    public override ChatResponseUpdate? ReadStreamEvent(string eventType, QwenGenerationResponse data, StreamState state) =>
        FromQwenEvent(eventType, data, state);

    /// <inheritdoc />
    public override ChatResponseUpdate CompleteStream(StreamState state) => CompleteQwenStream(state);
}
