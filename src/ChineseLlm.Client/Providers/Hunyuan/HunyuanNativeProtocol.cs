using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// The native Hunyuan protocol: Tencent Cloud API 3.0 <c>ChatCompletions</c> (version 2023-09-01), PascalCase JSON,
/// TC3-HMAC-SHA256 signatures, errors inside HTTP 200 bodies (also for streams), and an SSE stream without
/// <c>[DONE]</c> whose usage is running (facts: docs/protocols/hunyuan.md, "Responses and streams (native)"). The
/// <see cref="ProviderChatClient{TRequest, TEvent, TState}"/> driver sends and reads.
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed partial class HunyuanNativeProtocol
    : ChatProtocol<HunyuanChatCompletionsRequest, HunyuanChatCompletionsResponse, HunyuanNativeProtocol.StreamState>
{
    /// <summary>The documented mainland endpoint (nearest region; region-bound hosts such as <c>hunyuan.ap-guangzhou.tencentcloudapi.com</c> also work).</summary>
    internal static readonly Uri DefaultEndpoint = new("https://hunyuan.tencentcloudapi.com");

    /// <summary>The provider's mainstream chat model.</summary>
    internal const string DefaultModel = "hunyuan-turbos-latest";

    /// <summary>The API 3.0 service name in the credential scope.</summary>
    internal const string Service = "hunyuan";

    /// <summary>The API 3.0 action.</summary>
    internal const string Action = "ChatCompletions";

    /// <summary>The API 3.0 version of <see cref="Action"/>.</summary>
    internal const string Version = "2023-09-01";

    private const string ProviderKey = "hunyuan";


    private readonly Uri _endpoint;

    public HunyuanNativeProtocol(Uri baseUri)
    {
        // API 3.0 always POSTs to "/" with an empty query string (the path is part of the signature).
        _endpoint = ProviderEndpoint.Combine(baseUri, "/");
    }

    /// <inheritdoc />
    public override string ProviderName => ProviderKey;

    /// <summary>What this protocol sends: images as image_url parts, tools and the thinking switch; no JSON format: the native ChatCompletions API has no response_format (HunyuanNativeProtocol.Request.cs).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("Hunyuan native", ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Reasoning, SendsJsonSchema: false);

    /// <inheritdoc />
    public override object? GetService(Type serviceType)
        => serviceType == typeof(ProtocolCapabilities) ? Capabilities : base.GetService(serviceType);

    /// <inheritdoc />
    public override IReadOnlyList<string> RequestIdHeaders => HunyuanErrorMapper.Instance.RequestIdHeaders;

    /// <summary>Builds the native client: the signer from the options, and the resilient HttpClient when none is given.</summary>
    public static IChatClient CreateClient(HunyuanOptions options, ProviderServices services)
    {
        var signer = new Tc3Signer(options.SecretId!.Trim(), options.SecretKey!.Trim(), Service, services.TimeProvider);
        var settings = ProviderClientSettings.From(options, DefaultEndpoint, DefaultModel);
        return ProviderChatClientFactory.Create(
            new HunyuanNativeProtocol(settings.Endpoint), settings, options, new Tc3Authenticator(signer, Action, Version, options.Region), services);
    }

    /// <inheritdoc />
    public override ChineseLlmException MapError(ProviderErrorResponse response) => HunyuanErrorMapper.Instance.MapError(response);

    /// <inheritdoc />
    public override HunyuanChatCompletionsRequest BuildRequest(
        string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger) =>
        ToHunyuanRequest(defaultModel, messages, options, stream, logger);

    /// <inheritdoc />
    public override string GetModel(HunyuanChatCompletionsRequest request) => request.Model;

    /// <inheritdoc />
    public override HttpRequestMessage CreateHttpRequest(HunyuanChatCompletionsRequest request, bool stream)
    {
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        httpRequest.Content = WireJson.CreateContent(request, HunyuanJsonContext.Default.HunyuanChatCompletionsRequest);
        return httpRequest;
    }

    /// <inheritdoc />
    public override ChatResponse ReadResponse(ReadOnlySpan<byte> json, HunyuanChatCompletionsRequest request, int statusCode, string? requestId) =>
        FromHunyuanResponse(ReadEnvelope(json, statusCode, requestId), request.Model, requestId);

    /// <inheritdoc />
    public override HunyuanChatCompletionsResponse? ParseEvent(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize(data, HunyuanJsonContext.Default.HunyuanChatCompletionsResponse);

    /// <inheritdoc />
    public override async ValueTask<ChineseLlmException?> CheckEventStreamAsync(
        HttpResponseMessage response, string? requestId, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Quirk (docs/protocols/hunyuan.md): a stream request that fails is answered with HTTP 200 and a JSON Response.Error, not SSE.
        // The SDK also looks for that error under text/plain, which the shared check leaves to the SSE parser.
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType &&
            mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var json = body.AsSpan().Trim(" \t\r\n"u8);
            if (json.IsEmpty)
            {
                throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response body was empty.", (int)response.StatusCode, requestId: requestId);
            }

            ReadEnvelope(json, (int)response.StatusCode, requestId);
            return new ChineseLlmException(
                ProviderKey, LlmErrorKind.Protocol, "a streaming request was answered with text/plain instead of an event stream.", (int)response.StatusCode, requestId: requestId);
        }

        return await base.CheckEventStreamAsync(response, requestId, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override StreamState CreateStreamState(HunyuanChatCompletionsRequest request, string? requestId) => new(request.Model, requestId);

    /// <inheritdoc />
    /// <remarks>The native stream has no [DONE]: it ends when the server closes the connection.</remarks>
    public override ChatResponseUpdate? ReadStreamEvent(string eventType, HunyuanChatCompletionsResponse data, StreamState state) =>
        FromHunyuanChunk(data, state);

    /// <inheritdoc />
    public override ChatResponseUpdate CompleteStream(StreamState state) => CompleteNativeStream(state);

    /// <summary>Parses a non-stream body (trimmed, not empty): returns the answer, or throws the mapped <c>Response.Error</c>.</summary>
    private static HunyuanChatCompletionsResponse ReadEnvelope(ReadOnlySpan<byte> json, int statusCode, string? headerRequestId)
    {
        var answer = JsonSerializer.Deserialize(json, HunyuanJsonContext.Default.HunyuanResponseEnvelope)?.Response
            ?? throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response had no \"Response\" object.", statusCode, requestId: headerRequestId);
        if (answer.Error is { } error)
        {
            throw HunyuanErrorMapper.Instance.FromHunyuanError(error, statusCode, answer.RequestId ?? headerRequestId);
        }

        return answer;
    }
}
