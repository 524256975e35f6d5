using System.Collections.Frozen;
using System.Net;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>
/// What makes one vendor's OpenAI Chat Completions dialect its own: endpoint and model defaults, which fields it
/// accepts, how it switches thinking on and off, where it reports cached tokens, and how its errors read.
/// The engine (<see cref="OpenAiCompatibleProtocol"/>) holds everything the dialects share.
/// </summary>
/// <remarks>Dialects are stateless singletons; per-client state (credentials, endpoint) lives in the client.</remarks>
/// <param name="providerName">The provider key (<c>qwen</c>, <c>kimi</c>, …).</param>
/// <param name="defaultEndpoint">The vendor's documented mainland base URI.</param>
/// <param name="defaultModel">The vendor's current mainstream chat model, used when neither the call nor the options name one.</param>
/// <param name="requestIdHeaders">The response headers that carry the vendor's request id, first match wins.</param>
/// <param name="passThroughFields">The documented request fields callers may set through <c>ChatOptions.AdditionalProperties</c>.</param>
/// <param name="messagePassThroughFields">The documented per-message fields callers may set through <c>ChatMessage.AdditionalProperties</c>.</param>
/// <param name="followsOpenAiSdkRetryRules">Whether the vendor's official client retries by openai-python's rules (see <see cref="IProviderErrorMapper.FollowsOpenAiSdkRetryRules"/>).</param>
internal abstract class OpenAiCompatibleDialect(
    string providerName,
    Uri defaultEndpoint,
    string defaultModel,
    IReadOnlyList<string>? requestIdHeaders = null,
    IEnumerable<string>? passThroughFields = null,
    IEnumerable<string>? messagePassThroughFields = null,
    bool followsOpenAiSdkRetryRules = false) : IProviderErrorMapper
{
    private ProtocolCapabilities? _capabilities;

    /// <inheritdoc />
    public string ProviderName { get; } = providerName;

    /// <summary>Gets the vendor's documented mainland base URI.</summary>
    public Uri DefaultEndpoint { get; } = defaultEndpoint;

    /// <summary>Gets the vendor's current mainstream chat model, used when neither the call nor the options name one.</summary>
    public string DefaultModel { get; } = defaultModel;

    /// <inheritdoc />
    public IReadOnlyList<string> RequestIdHeaders { get; } = requestIdHeaders ?? [];

    /// <summary>Gets the documented request fields callers may set through <c>ChatOptions.AdditionalProperties</c>.</summary>
    public IReadOnlySet<string> PassThroughFields { get; } = (passThroughFields ?? []).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the documented per-message fields callers may set through <c>ChatMessage.AdditionalProperties</c>.</summary>
    public IReadOnlySet<string> MessagePassThroughFields { get; } = (messagePassThroughFields ?? []).ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool FollowsOpenAiSdkRetryRules { get; } = followsOpenAiSdkRetryRules;

    /// <summary>Gets the path appended to the base URI.</summary>
    public virtual string ChatPath => "chat/completions";

    /// <summary>Gets a value indicating whether the output cap is sent as <c>max_completion_tokens</c> instead of <c>max_tokens</c>.</summary>
    public virtual bool UsesMaxCompletionTokens => false;

    /// <summary>Gets a value indicating whether message content may be an array of parts (needed for images).</summary>
    public virtual bool SupportsContentParts => true;

    /// <summary>Gets a value indicating whether the dialect maps <c>ChatOptions.Reasoning</c> to the vendor's thinking switch.</summary>
    public virtual bool SendsReasoningSwitch => false;

    /// <summary>Gets a value indicating whether a response schema is sent as <c>json_schema</c> (otherwise downgraded to JSON mode).</summary>
    public virtual bool SendsJsonSchema => true;

    /// <summary>
    /// Gets what this dialect really sends (the router intersects it with catalog rows): tools and a JSON format
    /// always, images when content may be an array of parts, the reasoning switch when it maps one.
    /// </summary>
    public ProtocolCapabilities Capabilities => _capabilities ??= new ProtocolCapabilities(
        ProviderName + " (OpenAI-compatible)",
        ModelCapabilities.Tools | ModelCapabilities.Json
            | (SupportsContentParts ? ModelCapabilities.Vision : ModelCapabilities.None)
            | (SendsReasoningSwitch ? ModelCapabilities.Reasoning : ModelCapabilities.None),
        SendsJsonSchema);

    /// <summary>Gets a value indicating whether streaming requests ask for <c>stream_options.include_usage</c>.</summary>
    public virtual bool RequestsStreamUsage => true;

    /// <summary>Gets a value indicating whether tool-result messages carry the function <c>name</c>.</summary>
    public virtual bool SendsToolNameInToolMessages => false;

    /// <summary>Applies the vendor's thinking switch and per-model parameter rules to a request being built.</summary>
    /// <param name="request">The request, with the generic fields already mapped.</param>
    /// <param name="options">The caller's options.</param>
    public virtual void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
    }

    /// <summary>Gets the cached input token count from the vendor's own usage fields.</summary>
    public virtual int? GetCachedInputTokens(WireUsage usage) => usage.PromptTokensDetails?.CachedTokens ?? usage.CachedTokens;

    /// <summary>Gets the reasoning token count, when the vendor reports it separately.</summary>
    public virtual int? GetReasoningTokens(WireUsage usage) => usage.CompletionTokensDetails?.ReasoningTokens;

    /// <summary>Returns an exception when a finish reason means the result is unusable (for example cut short by the vendor).</summary>
    public virtual ChineseLlmException? CheckFinishReason(string finishReason, string? requestId) => null;

    /// <summary>
    /// Inspects (and may normalize in place) a successful non-streaming body before it is mapped: vendors that report
    /// errors inside HTTP 200 (iFlytek's top-level <c>code</c>, MiniMax's <c>base_resp</c>) return the error here, and
    /// vendors that omit fields (no <c>id</c>, no <c>finish_reason</c>) fill them from their own.
    /// </summary>
    /// <param name="response">The deserialized body.</param>
    /// <param name="statusCode">The HTTP status it arrived with.</param>
    /// <param name="requestId">The request id from the response headers.</param>
    /// <returns>The error the body reports, or <see langword="null"/> when it is a success.</returns>
    public virtual ChineseLlmException? InspectResponse(ChatCompletionResponse response, int statusCode, string? requestId) => null;

    /// <summary>
    /// Inspects (and may normalize in place) one stream chunk before it is mapped; returns the error a chunk reports
    /// inside a successful stream. <paramref name="state"/> carries the stream so far (and <see cref="OpenAiCompatibleProtocol.StreamState.DialectState"/>
    /// for a dialect's own parsing state).
    /// </summary>
    /// <param name="chunk">The chunk.</param>
    /// <param name="state">The stream state.</param>
    /// <returns>The error the chunk reports, or <see langword="null"/>.</returns>
    public virtual ChineseLlmException? InspectChunk(ChatCompletionChunk chunk, OpenAiCompatibleProtocol.StreamState state) => null;

    /// <summary>
    /// Gets the finish reason implied when a stream ends with <c>[DONE]</c> without one (iFlytek never sends
    /// <c>finish_reason</c>); <see langword="null"/> (the default) treats such a stream as cut short.
    /// </summary>
    public virtual string? FinishReasonWhenDoneWithoutOne => null;

    /// <inheritdoc />
    public ChineseLlmException MapError(ProviderErrorResponse response)
    {
        ErrorEnvelope? envelope = null;
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                envelope = JsonSerializer.Deserialize(response.Body.AsSpan().TrimStart(), OpenAiCompatibleJsonContext.Default.ErrorEnvelope);
            }
            catch (JsonException)
            {
                // Not the vendor's JSON (an HTML 502 page from a gateway, say): classified by status below.
            }
        }

        var requestId = response.RequestId ?? envelope?.RequestId ?? envelope?.Id;
        if ((envelope is null ? null : ReadError(envelope)) is not { } error)
        {
            var kind = response.StatusCode is { } s ? AsRetriedConflict(s, ClassifyStatus(s)) : LlmErrorKind.Protocol;
            return new ChineseLlmException(
                ProviderName, kind, ErrorBodyReader.Excerpt(response.Body), response.StatusCode, errorCode: null, requestId, response.RetryAfter);
        }

        return MapError(response.StatusCode, error, requestId, response.RetryAfter);
    }

    /// <summary>Maps an error object, from an error response or from an error event inside a stream.</summary>
    public ChineseLlmException MapError(int? statusCode, WireError error, string? requestId, TimeSpan? retryAfter)
    {
        requestId ??= GetRequestId(error);
        var kind = Classify(statusCode, error);
        if (statusCode is { } status)
        {
            kind = AsRetriedConflict(status, kind);
        }

        return new ChineseLlmException(
            ProviderName,
            kind,
            error.Message,
            statusCode,
            GetErrorCode(error),
            requestId,
            retryAfter ?? GetRetryAfter(error));
    }

    /// <summary>
    /// A 409 that the vendor's SDK retries (a lock timeout to openai-python and the Ark SDK) is a server-side failure
    /// that passes, not the caller's mistake: ServerError, unless the body named a more precise kind. Elsewhere a 409
    /// stays InvalidRequest (docs/protocols/deepseek.md, "Retries").
    /// </summary>
    private LlmErrorKind AsRetriedConflict(int statusCode, LlmErrorKind kind) =>
        statusCode == (int)HttpStatusCode.Conflict && kind == LlmErrorKind.InvalidRequest && FollowsOpenAiSdkRetryRules
            ? LlmErrorKind.ServerError
            : kind;

    /// <summary>Classifies a vendor error object. The default looks at the HTTP status, then the message.</summary>
    protected virtual LlmErrorKind Classify(int? statusCode, WireError error)
    {
        if (LooksLikeContextLength(error.Message))
        {
            return LlmErrorKind.ContextLengthExceeded;
        }

        if (statusCode is >= 300)
        {
            return ClassifyStatus(statusCode.Value);
        }

        // An error object inside a successful body or a stream: the status says nothing (HTTP 200 would read as
        // Protocol), so OpenAI's documented error codes and types decide; an unknown one is the server failing.
        return ClassifyOpenAiCode(error.CodeText) ?? ClassifyOpenAiCode(error.Type) ?? LlmErrorKind.ServerError;
    }

    /// <summary>OpenAI's documented error <c>code</c>s and <c>type</c>s, which the compatible modes reuse.</summary>
    internal static LlmErrorKind? ClassifyOpenAiCode(string? code) => code switch
    {
        "invalid_api_key" or "authentication_error" or "invalid_authentication" or "invalid_authentication_error" => LlmErrorKind.Authentication,
        "permission_error" or "permission_denied" or "permission_denied_error" => LlmErrorKind.PermissionDenied,
        "insufficient_quota" => LlmErrorKind.QuotaExceeded,
        "rate_limit_exceeded" or "rate_limit_error" => LlmErrorKind.RateLimited,
        "model_not_found" => LlmErrorKind.ModelNotFound,
        "context_length_exceeded" => LlmErrorKind.ContextLengthExceeded,
        "content_filter" => LlmErrorKind.ContentFiltered,
        "invalid_request_error" => LlmErrorKind.InvalidRequest,
        "server_error" or "internal_error" => LlmErrorKind.ServerError,
        _ => null,
    };

    /// <summary>Reads the error object out of an error body; vendors with their own error shape override it.</summary>
    /// <param name="envelope">The parsed error body.</param>
    /// <returns>The error, or <see langword="null"/> when the body holds none (then the status decides).</returns>
    protected virtual WireError? ReadError(ErrorEnvelope envelope) => envelope.Error;

    /// <summary>Gets the vendor code reported as <see cref="ChineseLlmException.ErrorCode"/>.</summary>
    protected virtual string? GetErrorCode(WireError error) => error.CodeText ?? error.Type;

    /// <summary>Gets a request id the vendor puts inside its error object, used when no response header carried one.</summary>
    protected virtual string? GetRequestId(WireError error) => null;

    /// <summary>Gets a retry delay the vendor states in its error (some say "try again after N seconds").</summary>
    protected virtual TimeSpan? GetRetryAfter(WireError error) => null;

    /// <summary>The classification by HTTP status alone, used when a body is missing or not the vendor's JSON.</summary>
    internal static LlmErrorKind ClassifyStatus(int statusCode) => statusCode switch
    {
        (int)HttpStatusCode.Unauthorized => LlmErrorKind.Authentication,
        (int)HttpStatusCode.PaymentRequired => LlmErrorKind.QuotaExceeded,
        (int)HttpStatusCode.Forbidden => LlmErrorKind.PermissionDenied,
        (int)HttpStatusCode.NotFound => LlmErrorKind.ModelNotFound,
        (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.GatewayTimeout => LlmErrorKind.Timeout,
        (int)HttpStatusCode.RequestEntityTooLarge => LlmErrorKind.ContextLengthExceeded,
        (int)HttpStatusCode.TooManyRequests => LlmErrorKind.RateLimited,
        >= 500 => LlmErrorKind.ServerError,
        >= 400 => LlmErrorKind.InvalidRequest,
        _ => LlmErrorKind.Protocol,
    };

    /// <summary>Whether an error message says the input was too long for the model.</summary>
    protected static bool LooksLikeContextLength(string? message) =>
        message is not null &&
        (message.Contains("context length", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("context_length", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("token length too long", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("exceeded model token limit", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("maximum context", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("too many tokens", StringComparison.OrdinalIgnoreCase));
}
