using System.Runtime.CompilerServices;
using ChineseLlm.Client.Providers.Qwen;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client;

/// <summary>
/// An <see cref="IChatClient"/> for Alibaba Cloud Model Studio's Qwen models through DashScope — the native protocol
/// (default, <c>https://dashscope.aliyuncs.com/api/v1</c>) or the OpenAI-compatible mode, chosen by
/// <see cref="QwenOptions.Protocol"/>.
/// </summary>
/// <remarks>
/// <para>Native: always <c>result_format=message</c>; streams are incremental (<c>X-DashScope-SSE: enable</c>,
/// <c>incremental_output=true</c>) with cumulative usage taken from the last event; errors inside a stream
/// (<c>event:error</c>) surface as <see cref="ChineseLlmException"/>; vision models and requests with images go to
/// multimodal-generation. Both protocols map <see cref="ChatOptions.Reasoning"/> to <c>enable_thinking</c>, return
/// <c>reasoning_content</c> as <see cref="TextReasoningContent"/>, and report cached and reasoning tokens. The request id
/// (<c>request_id</c> or <c>x-request-id</c>) is in <see cref="ChatResponse.ResponseId"/> and
/// <c>AdditionalProperties["request_id"]</c>.</para>
/// <para>API keys are region-bound: a key used against another region's domain fails with
/// <see cref="LlmErrorKind.Authentication"/> (HTTP 401 <c>InvalidApiKey</c>); set <see cref="QwenOptions.Region"/>.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class QwenChatClient : DelegatingChatClient
{
    /// <summary>The model used when neither the call nor the options name one.</summary>
    internal const string DefaultModelId = "qwen-plus";

    private readonly ILogger _logger;
    private readonly string _host;

    /// <summary>Initializes a new instance of the <see cref="QwenChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
    /// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
    /// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
#pragma warning disable CA2000 // DelegatingChatClient owns the inner client (and the telemetry wrapper its engine) and disposes it with itself.
    public QwenChatClient(QwenOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
        : this(options, ProviderServices.From(httpClient, services))
    {
    }

    private QwenChatClient(QwenOptions options, ProviderServices services)
        : base(CreateInner(options, services))
    {
        _logger = services.LoggerFactory?.CreateLogger("ChineseLlm.Client.qwen") ?? NullLogger.Instance;
        _host = InnerClient.GetService<ChatClientMetadata>()?.ProviderUri?.Host ?? "DashScope";
    }
#pragma warning restore CA2000

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ChineseLlmException ex) when (ex.Kind == LlmErrorKind.Authentication)
        {
            QwenLog.ApiKeyRejected(_logger, _host);
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (ChineseLlmException ex) when (ex.Kind == LlmErrorKind.Authentication)
                {
                    QwenLog.ApiKeyRejected(_logger, _host);
                    throw;
                }

                yield return updates.Current;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IChatClient CreateInner(QwenOptions options, ProviderServices services)
    {
        ProviderOptionsGuard.ThrowIfInvalid(options);
        var authenticator = new BearerTokenAuthenticator(options.ApiKey!, "X-DashScope-WorkSpace", options.WorkspaceId);
        return options.Protocol == QwenProtocol.OpenAiCompatible
            ? OpenAiCompatibleChatClientFactory.Create(QwenCompatibleDialect.For(options.Region), options, authenticator, services)
            : QwenNativeProtocol.CreateClient(options, authenticator, services);
    }
}
