using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Records one provider call as an OpenTelemetry GenAI client span (<c>chat {model}</c>) and as
/// <c>gen_ai.client.*</c> metrics, and prices it in CNY (<c>chinesellm.cost</c> tag and counter).
/// Sits directly around a provider's engine, so <c>gen_ai.provider.name</c> is the real provider key.
/// </summary>
/// <remarks>
/// <para>When the call already runs inside another instrumentation's <c>chat</c> span for the same provider — the
/// span of Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> wrapped around this client — no second span is
/// opened and the <c>gen_ai.client.*</c> histograms are left to that instrumentation: the <c>chinesellm.*</c> tags are
/// added to its span instead, and the cost is still counted.</para>
/// <para>Nothing recorded carries a credential, a URL or message content. Thread-safe.</para>
/// </remarks>
internal sealed class TelemetryChatClient : DelegatingChatClient
{
    private readonly ChatInstrumentation _instrumentation;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _provider;
    private readonly string? _defaultModel;
    private readonly string? _serverAddress;
    private readonly int _serverPort;
    private readonly SecretRedactor _redactor;

    /// <summary>Initializes a new instance of the <see cref="TelemetryChatClient"/> class.</summary>
    /// <param name="innerClient">The provider engine; its <see cref="ChatClientMetadata"/> names the provider.</param>
    /// <param name="instrumentation">Where to record; <see langword="null"/> for <see cref="ChatInstrumentation.Default"/>.</param>
    /// <param name="timeProvider">The clock for durations and for pricing time windows.</param>
    /// <param name="loggerFactory">Creates the logger of cost messages.</param>
    /// <param name="redactor">Removes the provider's configured secrets from failures; <see langword="null"/> for none.</param>
    public TelemetryChatClient(IChatClient innerClient, ChatInstrumentation? instrumentation, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, SecretRedactor? redactor = null)
        : base(innerClient)
    {
        _redactor = redactor ?? SecretRedactor.None;
        _instrumentation = instrumentation ?? ChatInstrumentation.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var metadata = innerClient.GetService<ChatClientMetadata>();
        _provider = metadata?.ProviderName ?? "unknown";
        _defaultModel = metadata?.DefaultModelId;
        _serverAddress = metadata?.ProviderUri?.Host;
        _serverPort = metadata?.ProviderUri?.Port ?? 0;
        _logger = loggerFactory?.CreateLogger("ChineseLlm.Client." + _provider) ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <remarks>With nothing listening (<see cref="IsObserved"/>), the call is the engine's own.</remarks>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        IsObserved() ? RecordResponseAsync(messages, options, cancellationToken) : base.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>With nothing listening (<see cref="IsObserved"/>), the stream is the engine's own: one iterator less per open stream.</remarks>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        IsObserved() ? RecordStreamingResponseAsync(messages, options, cancellationToken) : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> RecordResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        CallerInput.ThrowIfInvalid(_provider, messages, options);

        using var call = Start(options, streaming: false);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            call.Succeeded(response.ModelId, response.ResponseId, response.FinishReason, response.Usage, RequestIdOf(response.AdditionalProperties));
            return response;
        }
        catch (Exception ex) when (call.Fail(ex) is { } safe)
        {
            throw safe;
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> RecordStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CallerInput.ThrowIfInvalid(_provider, messages, options);

        using var call = Start(options, streaming: true);
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (call.Fail(ex) is { } safe)
        {
            throw safe;
        }

        string? responseId = null;
        string? modelId = null;
        string? requestId = null;
        ChatFinishReason? finishReason = null;
        UsageDetails? usage = null;
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (call.Fail(ex) is { } safe)
                {
                    throw safe;
                }

                var update = enumerator.Current;
                responseId = update.ResponseId ?? responseId;
                modelId = update.ModelId ?? modelId;
                finishReason = update.FinishReason ?? finishReason;
                requestId = RequestIdOf(update.AdditionalProperties) ?? requestId;
                var contents = update.Contents;
                for (var i = 0; i < contents.Count; i++)
                {
                    if (contents[i] is UsageContent { Details: { } details })
                    {
                        if (usage is null)
                        {
                            usage = new UsageDetails();
                        }

                        usage.Add(details);
                    }
                }

                yield return update;

                // An async iterator resumes in its consumer's context, so the span is made current again for the
                // rest of the stream (the HTTP reads below it) — as Microsoft.Extensions.AI's OpenTelemetryChatClient does.
                call.RestoreCurrent();
            }

            call.Succeeded(modelId, responseId, finishReason, usage, requestId);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether anything would record a call starting now: a span (ours, or an outer instrumentation's to tag), a
    /// <c>gen_ai.client.*</c> or <c>chinesellm.cost</c> instrument with a listener, or the cost's debug log. When nothing
    /// would, the call is not wrapped at all: the engine below checks the caller's input and redacts its failures with
    /// the same secrets (<see cref="ProviderChatClient{TRequest, TEvent, TState}.Redactor"/>), so what the caller sees is
    /// the same.
    /// </summary>
    private bool IsObserved() =>
        Activity.Current is not null
        || ChatInstrumentation.ActivitySource.HasListeners()
        || _instrumentation.IsRecording
        || _logger.IsEnabled(LogLevel.Debug);

    private static string? RequestIdOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(WireMapping.RequestIdKey, out var value) ? value as string : null;

    private CallScope Start(ChatOptions? options, bool streaming)
    {
        var requestModel = options?.ModelId ?? _defaultModel;
        var current = Activity.Current;
        var recordedByOuterInstrumentation = current is { IsStopped: false, Kind: ActivityKind.Client }
            && current.Source != ChatInstrumentation.ActivitySource
            && current.GetTagItem(TelemetryTags.OperationName) as string == TelemetryTags.ChatOperation
            && current.GetTagItem(TelemetryTags.ProviderName) as string == _provider;

        Activity? activity;
        if (recordedByOuterInstrumentation)
        {
            activity = current;
        }
        else
        {
            activity = ChatInstrumentation.ActivitySource.HasListeners()
                ? ChatInstrumentation.ActivitySource.StartActivity(
                    string.IsNullOrWhiteSpace(requestModel) ? TelemetryTags.ChatOperation : TelemetryTags.ChatOperation + " " + requestModel,
                    ActivityKind.Client,
                    parentContext: default,
                    tags: BaseTags(requestModel))
                : null;
            if (activity is { IsAllDataRequested: true })
            {
                if (streaming)
                {
                    activity.SetTag(TelemetryTags.RequestStream, true);
                }

                if (options?.MaxOutputTokens is { } maxTokens)
                {
                    activity.SetTag(TelemetryTags.RequestMaxTokens, maxTokens);
                }

                if (options?.Temperature is { } temperature)
                {
                    activity.SetTag(TelemetryTags.RequestTemperature, temperature);
                }

                if (options?.TopP is { } topP)
                {
                    activity.SetTag(TelemetryTags.RequestTopP, topP);
                }
            }
        }

        return new CallScope(this, activity, ownsActivity: !recordedByOuterInstrumentation, requestModel);
    }

    private TagList BaseTags(string? requestModel)
    {
        var tags = new TagList
        {
            { TelemetryTags.OperationName, TelemetryTags.ChatOperation },
            { TelemetryTags.ProviderName, _provider },
        };
        if (requestModel is not null)
        {
            tags.Add(TelemetryTags.RequestModel, requestModel);
        }

        if (_serverAddress is not null)
        {
            tags.Add(TelemetryTags.ServerAddress, _serverAddress);
            tags.Add(TelemetryTags.ServerPort, _serverPort);
        }

        return tags;
    }

    /// <summary>The telemetry of one call: its span (own, or the outer instrumentation's), its clock and its outcome.</summary>
    private sealed class CallScope : IDisposable
    {
        private readonly TelemetryChatClient _owner;
        private readonly Activity? _activity;
        private readonly bool _ownsActivity;
        private readonly string? _requestModel;
        private readonly long _startTimestamp;
        private readonly DateTimeOffset _startedAt;
        private bool _recorded;

        public CallScope(TelemetryChatClient owner, Activity? activity, bool ownsActivity, string? requestModel)
        {
            _owner = owner;
            _activity = activity;
            _ownsActivity = ownsActivity;
            _requestModel = requestModel;
            _startTimestamp = owner._timeProvider.GetTimestamp();
            _startedAt = owner._timeProvider.GetUtcNow();
        }

        private ChatInstrumentation Instrumentation => _owner._instrumentation;

        public void RestoreCurrent()
        {
            if (_ownsActivity && _activity is not null)
            {
                Activity.Current = _activity;
            }
        }

        public void Succeeded(string? responseModel, string? responseId, ChatFinishReason? finishReason, UsageDetails? usage, string? requestId)
        {
            if (_recorded)
            {
                return;
            }

            _recorded = true;
            var activity = _activity is { IsAllDataRequested: true } ? _activity : null;

            // The price goes to the span, the cost counter and a debug log: with none of them listening it is not looked up.
            var cost = usage is not null && (activity is not null || Instrumentation.Cost.Enabled || _owner._logger.IsEnabled(LogLevel.Debug))
                ? Price(responseModel, usage)
                : null;
            if (activity is not null)
            {
                if (_ownsActivity)
                {
                    SetIfNotNull(activity, TelemetryTags.ResponseModel, responseModel);
                    SetIfNotNull(activity, TelemetryTags.ResponseId, string.IsNullOrWhiteSpace(responseId) ? null : responseId);
                    if (finishReason is { } reason)
                    {
#pragma warning disable CA1308 // the conventions' finish reasons are lower case
                        activity.SetTag(TelemetryTags.ResponseFinishReasons, "[\"" + reason.Value.ToLowerInvariant() + "\"]");
#pragma warning restore CA1308
                    }

                    SetIfNotNull(activity, TelemetryTags.InputTokens, usage?.InputTokenCount);
                    SetIfNotNull(activity, TelemetryTags.OutputTokens, usage?.OutputTokenCount);
                    SetIfNotNull(activity, TelemetryTags.CacheReadInputTokens, usage?.CachedInputTokenCount);
                    SetIfNotNull(activity, TelemetryTags.ReasoningOutputTokens, usage?.ReasoningTokenCount);
                }

                SetIfNotNull(activity, TelemetryTags.RequestId, requestId);
                if (cost is { } c)
                {
                    activity.SetTag(TelemetryTags.Cost, (double)c);
                }
            }

            if (_ownsActivity)
            {
                RecordDuration(responseModel, errorType: null);
                if (usage is not null && Instrumentation.TokenUsage.Enabled)
                {
                    RecordTokens(TelemetryTags.TokenTypeInput, usage.InputTokenCount, responseModel);
                    RecordTokens(TelemetryTags.TokenTypeOutput, usage.OutputTokenCount, responseModel);
                }
            }

            if (cost is { } amount && Instrumentation.Cost.Enabled)
            {
                var tags = MetricTags(responseModel, includeServer: false);
                Instrumentation.Cost.Add((double)amount, tags);
            }
        }

        /// <summary>
        /// Records a failure (an exception filter calls it, so a rethrow keeps its stack) and returns the exception to
        /// throw instead when redaction changed it, or <see langword="null"/> to let <paramref name="exception"/> go on.
        /// </summary>
        public Exception? Fail(Exception exception)
        {
            var safe = _owner._redactor.Redact(exception);
            Failed(safe);
            return ReferenceEquals(safe, exception) ? null : safe;
        }

        private void Failed(Exception exception)
        {
            if (_recorded)
            {
                return;
            }

            _recorded = true;
            var llmException = exception as ChineseLlmException;
            var errorType = llmException?.Kind.ToString() ?? exception.GetType().FullName ?? exception.GetType().Name;
            if (_activity is { IsAllDataRequested: true } activity)
            {
                if (_ownsActivity)
                {
                    activity.SetTag(TelemetryTags.ErrorType, errorType);
                    activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                    SetIfNotNull(activity, TelemetryTags.HttpStatusCode, llmException?.StatusCode);
                }

                SetIfNotNull(activity, TelemetryTags.ErrorCode, llmException?.ErrorCode);
                SetIfNotNull(activity, TelemetryTags.RequestId, llmException?.RequestId);
            }

            if (_ownsActivity)
            {
                RecordDuration(responseModel: null, errorType);
            }
        }

        /// <summary>Ends the call: a stream the consumer abandoned is recorded as it stood.</summary>
        public void Dispose()
        {
            if (!_recorded)
            {
                _recorded = true;
                if (_ownsActivity)
                {
                    RecordDuration(responseModel: null, errorType: null);
                }
            }

            if (_ownsActivity)
            {
                _activity?.Dispose();
            }
        }

        private static void SetIfNotNull(Activity activity, string key, object? value)
        {
            if (value is not null)
            {
                activity.SetTag(key, value);
            }
        }

        private decimal? Price(string? responseModel, UsageDetails usage)
        {
            var cost = Instrumentation.Price(_owner._provider, _requestModel, responseModel, usage, _startedAt);
            var model = _requestModel ?? responseModel ?? "(unknown)";
            if (cost is { } c)
            {
                Log.CallPriced(_owner._logger, _owner._provider, model, c, usage.InputTokenCount, usage.CachedInputTokenCount, usage.OutputTokenCount);
            }
            else
            {
                Log.CallNotPriced(_owner._logger, _owner._provider, model);
            }

            return cost;
        }

        private void RecordDuration(string? responseModel, string? errorType)
        {
            if (!Instrumentation.OperationDuration.Enabled)
            {
                return;
            }

            var tags = MetricTags(responseModel, includeServer: true);
            if (errorType is not null)
            {
                tags.Add(TelemetryTags.ErrorType, errorType);
            }

            var seconds = _owner._timeProvider.GetElapsedTime(_startTimestamp).TotalSeconds;
            Instrumentation.OperationDuration.Record(seconds, tags);
        }

        private void RecordTokens(string tokenType, long? count, string? responseModel)
        {
            if (count is not { } value)
            {
                return;
            }

            var tags = MetricTags(responseModel, includeServer: true);
            tags.Add(TelemetryTags.TokenType, tokenType);
            Instrumentation.TokenUsage.Record((int)Math.Clamp(value, 0, int.MaxValue), tags);
        }

        private TagList MetricTags(string? responseModel, bool includeServer)
        {
            var tags = new TagList
            {
                { TelemetryTags.OperationName, TelemetryTags.ChatOperation },
                { TelemetryTags.ProviderName, _owner._provider },
            };
            if (_requestModel is not null)
            {
                tags.Add(TelemetryTags.RequestModel, _requestModel);
            }

            if (responseModel is not null)
            {
                tags.Add(TelemetryTags.ResponseModel, responseModel);
            }

            if (includeServer && _owner._serverAddress is not null)
            {
                tags.Add(TelemetryTags.ServerAddress, _owner._serverAddress);
                tags.Add(TelemetryTags.ServerPort, _owner._serverPort);
            }

            return tags;
        }
    }
}
