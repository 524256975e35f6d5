using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Testing.Wire;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers chat requests offline, in the real wire format of each provider
/// ChineseLlm.Client supports: DeepSeek, Kimi, Qwen (DashScope native and compatible mode), ERNIE (Qianfan v2 and the
/// legacy v1 OAuth API), Doubao (Volcengine Ark), Hunyuan (Tencent Cloud API 3.0 and its OpenAI-compatible endpoint), GLM,
/// Baichuan, Yi, StepFun, Spark, MiniMax and Pangu (its OpenAI-format route with an API key).
/// </summary>
/// <remarks>
/// <para><b>Routing.</b> A request goes to a provider by, in order: the provider of the named <c>HttpClient</c> it came
/// through (when wired in with <c>UseProviderSimulator</c>), a base address mapped with <see cref="MapBaseAddress"/>,
/// a path or header only one protocol uses (<c>/services/aigc/…</c>, <c>/compatible-mode/v1/…</c>, <c>/oauth/2.0/token</c>,
/// <c>/rpc/2.0/ai_custom/…</c>, <c>X-TC-Action: ChatCompletions</c>), the vendor's own host name, the path prefixes
/// <c>/api/v3/chat/completions</c> (Doubao) and <c>/v2/chat/completions</c> (ERNIE), and last the model name (<c>deepseek-…</c>, <c>kimi-…</c>, …). A request no rule matches gets HTTP 404.</para>
/// <para><b>Behaviour.</b> Each chat request is answered by, in order: the first matching one-shot behaviour queued with
/// <see cref="Enqueue(SimulatedReply)"/> or <see cref="Enqueue(SimulatedFault)"/>; else the fault set for its provider and model
/// with <see cref="SetFault(string, SimulatedFault)"/>; else the reply set for its provider and model, its provider, or all
/// providers with <see cref="SetReply(SimulatedReply)"/>; else a default greeting. A fault that breaks a response part way
/// sends the start of the reply that would otherwise have been sent.</para>
/// <para><b>Credentials.</b> With <see cref="RequireCredentials"/> on (the default) a request without the credentials its
/// protocol requires gets that provider's authentication error. Their values are not checked, except that ERNIE v1 accepts
/// only access tokens this simulator issued from its <c>/oauth/2.0/token</c> endpoint.</para>
/// <para><b>Time.</b> Latency, pauses between stream events and stalls wait on <see cref="TimeProvider"/>, so a
/// <c>FakeTimeProvider</c> drives them in tests. Every wait observes the caller's cancellation.</para>
/// <para>This handler is thread-safe: scripts may change while requests are in flight, and concurrent requests are recorded
/// in arrival order.</para>
/// </remarks>
public sealed class ProviderSimulatorHandler : HttpMessageHandler
{
    private const string AnyProvider = "*";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Provider, string? Model), Func<SimulatedRequest, SimulatedReply>> _replies = [];
    private readonly Dictionary<(string Provider, string? Model), SimulatedFault> _faults = [];
    private readonly List<(string? Provider, SimulatedReply? Reply, SimulatedFault? Fault)> _queue = [];
    private readonly List<SimulatedRequest> _requests = [];
    private readonly List<(Uri BaseAddress, string Provider)> _baseAddresses = [];
    private readonly HashSet<string> _issuedTokens = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ProviderSimulatorHandler"/> class that waits on the system clock.</summary>
    public ProviderSimulatorHandler()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProviderSimulatorHandler"/> class.</summary>
    /// <param name="timeProvider">The clock for timestamps, latency, pauses and stalls.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
    }

    /// <summary>Gets the clock for timestamps, latency, pauses and stalls.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets or sets a value indicating whether requests without their protocol's credentials are rejected.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireCredentials { get; set; } = true;

    /// <summary>Gets a snapshot of the requests received so far, in arrival order (ERNIE v1 token requests included).</summary>
    public IReadOnlyList<SimulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets the requests received so far by one provider.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <returns>A snapshot of that provider's requests in arrival order.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    public IReadOnlyList<SimulatedRequest> RequestsTo(string provider)
    {
        var key = ProviderKeys.Normalize(provider, nameof(provider));
        lock (_gate)
        {
            return [.. _requests.Where(r => r.Provider == key)];
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Sets the reply every provider sends when nothing more specific is scripted.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetReply(SimulatedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return SetReplyCore(AnyProvider, null, _ => reply);
    }

    /// <summary>Sets a function that computes the reply of every provider from the request, when nothing more specific is scripted.</summary>
    /// <param name="responder">Computes the reply; it runs on the calling thread for each request.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responder"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetReply(Func<SimulatedRequest, SimulatedReply> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        return SetReplyCore(AnyProvider, null, responder);
    }

    /// <summary>Sets the reply one provider sends for any model.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="reply">The reply.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetReply(string provider, SimulatedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return SetReplyCore(ProviderKeys.Normalize(provider, nameof(provider)), null, _ => reply);
    }

    /// <summary>Sets a function that computes one provider's reply from the request.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="responder">Computes the reply; it runs on the calling thread for each request.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="responder"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetReply(string provider, Func<SimulatedRequest, SimulatedReply> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        return SetReplyCore(ProviderKeys.Normalize(provider, nameof(provider)), null, responder);
    }

    /// <summary>Sets the reply one provider sends for one model.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="model">The model id, compared without regard to case (for ERNIE v1, the endpoint name in the path).</param>
    /// <param name="reply">The reply.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks, or <paramref name="model"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetReply(string provider, string model, SimulatedReply reply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(reply);
        return SetReplyCore(ProviderKeys.Normalize(provider, nameof(provider)), model.ToLowerInvariant(), _ => reply);
    }

    /// <summary>Makes every request to one provider fail with <paramref name="fault"/> until <see cref="ClearFault"/> is called.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetFault(string provider, SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return SetFaultCore(ProviderKeys.Normalize(provider, nameof(provider)), null, fault);
    }

    /// <summary>Makes every request to one provider's model fail with <paramref name="fault"/> until <see cref="ClearFault"/> is called.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="model">The model id, compared without regard to case.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks, or <paramref name="model"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler SetFault(string provider, string model, SimulatedFault fault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(fault);
        return SetFaultCore(ProviderKeys.Normalize(provider, nameof(provider)), model.ToLowerInvariant(), fault);
    }

    /// <summary>Removes the faults set for a provider (for all its models), so it answers normally again.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    public ProviderSimulatorHandler ClearFault(string provider)
    {
        var key = ProviderKeys.Normalize(provider, nameof(provider));
        lock (_gate)
        {
            foreach (var k in _faults.Keys.Where(k => k.Provider == key).ToList())
            {
                _faults.Remove(k);
            }
        }

        return this;
    }

    /// <summary>Queues a reply for the next chat request to any provider.</summary>
    /// <param name="reply">The reply, used once.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler Enqueue(SimulatedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return EnqueueCore(null, reply, null);
    }

    /// <summary>Queues a reply for the next chat request to one provider.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="reply">The reply, used once.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler Enqueue(string provider, SimulatedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return EnqueueCore(ProviderKeys.Normalize(provider, nameof(provider)), reply, null);
    }

    /// <summary>Queues a fault for the next chat request to any provider.</summary>
    /// <param name="fault">The fault, used once.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler Enqueue(SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return EnqueueCore(null, null, fault);
    }

    /// <summary>Queues a fault for the next chat request to one provider.</summary>
    /// <param name="provider">The provider key, such as <c>deepseek</c>.</param>
    /// <param name="fault">The fault, used once.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public ProviderSimulatorHandler Enqueue(string provider, SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return EnqueueCore(ProviderKeys.Normalize(provider, nameof(provider)), null, fault);
    }

    /// <summary>Routes every request under <paramref name="baseAddress"/> to <paramref name="provider"/>.</summary>
    /// <param name="baseAddress">An absolute base URI, such as the <c>Endpoint</c> configured for the provider.</param>
    /// <param name="provider">The provider key, such as <c>kimi</c>.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <remarks>Useful when several providers share a host (for example a local test server) and their paths alone do not tell them apart.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="baseAddress"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute, or <paramref name="provider"/> is not a provider key the simulator speaks.</exception>
    public ProviderSimulatorHandler MapBaseAddress(Uri baseAddress, string provider)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be an absolute URI.", nameof(baseAddress));
        }

        var key = ProviderKeys.Normalize(provider, nameof(provider));
        lock (_gate)
        {
            _baseAddresses.Add((baseAddress, key));

            // The longest (most specific) base address wins.
            _baseAddresses.Sort((a, b) => b.BaseAddress.AbsoluteUri.Length.CompareTo(a.BaseAddress.AbsoluteUri.Length));
        }

        return this;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, providerHint: null, cancellationToken);

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, providerHint: null, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Answers a request; <paramref name="providerHint"/> is the provider of the named client it came through, if known.</summary>
    internal async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, string? providerHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? json = null;
        var malformed = false;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                malformed = true;
            }
        }

        if (providerHint is not null && !ProviderKeys.All.Contains(providerHint))
        {
            return NotSimulated(request, providerHint);
        }

        var route = ProtocolRouter.Resolve(request, providerHint ?? MatchBaseAddress(request.RequestUri), RequestInfo.PeekModel(json));
        if (route is not { } r)
        {
            return NoRoute(request);
        }

        var info = RequestInfo.Read(r, request, json, malformed);
        var now = TimeProvider.GetUtcNow();
        var record = Record(info, request, body, now);
        var dialect = WireDialect.For(r.Protocol);
        HttpResponseMessage Answer(ResponsePlan plan) => Build(plan, request, null, TimeSpan.Zero);
        HttpResponseMessage Fail(LlmErrorKind kind, DateTimeOffset at, TimeSpan? retryAfter = null) =>
            Answer(dialect.Error(new ErrorContext { Request = info, Kind = kind, RetryAfter = retryAfter, Now = at }));

        if (r.Operation == WireOperation.ErnieToken)
        {
            return Answer(ErnieV1Dialect.Token(request, IssueToken(request, now), now));
        }

        if (RequireCredentials && !HasCredentials(dialect, request))
        {
            return Fail(LlmErrorKind.Authentication, now);
        }

        if (info.MalformedBody)
        {
            return Fail(LlmErrorKind.InvalidRequest, now);
        }

        var (reply, fault) = Resolve(record);
        if (reply.Latency > TimeSpan.Zero)
        {
            await Task.Delay(reply.Latency, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        switch (fault?.Type)
        {
            case SimulatedFaultType.ConnectionRefused:
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"Connection refused ({request.RequestUri!.Host}:{request.RequestUri.Port}), simulated.",
                    new SocketException((int)SocketError.ConnectionRefused));
            case SimulatedFaultType.StallBeforeHeaders:
                await Task.Delay(fault.Duration ?? Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken).ConfigureAwait(false);
                fault = null;
                break;
            case SimulatedFaultType.ProviderError:
                return Fail(fault.ErrorKind!.Value, TimeProvider.GetUtcNow(), fault.RetryAfter);
            case SimulatedFaultType.ErrorMidStream when !info.IsStreaming:
                return Fail(fault.ErrorKind!.Value, TimeProvider.GetUtcNow());
            case SimulatedFaultType.RawResponse:
                var raw = new ResponsePlan { Status = (HttpStatusCode)fault.StatusCode!.Value, ContentType = fault.ContentType };
                raw.Segments.Add(new WireSegment(Encoding.UTF8.GetBytes(fault.Body!), IsEvent: false));
                return Answer(raw);
        }

        var context = new ReplyContext { Request = info, Reply = reply, Usage = UsageNumbers.For(reply, info), Now = TimeProvider.GetUtcNow() };
        var plan = dialect.Reply(context);
        if (fault is { Type: SimulatedFaultType.ErrorMidStream })
        {
            var inBand = new ErrorContext { Request = info, Kind = fault.ErrorKind!.Value, Now = context.Now, ForceInStream = true };
            plan.WithErrorAfter(fault.AfterEvents, dialect.StreamError(inBand));
            fault = null;
        }

        return Build(plan, request, fault, reply.EventInterval);
    }

    private ProviderSimulatorHandler SetReplyCore(string provider, string? model, Func<SimulatedRequest, SimulatedReply> responder)
    {
        lock (_gate)
        {
            _replies[(provider, model)] = responder;
        }

        return this;
    }

    private ProviderSimulatorHandler SetFaultCore(string provider, string? model, SimulatedFault fault)
    {
        lock (_gate)
        {
            _faults[(provider, model)] = fault;
        }

        return this;
    }

    private ProviderSimulatorHandler EnqueueCore(string? provider, SimulatedReply? reply, SimulatedFault? fault)
    {
        lock (_gate)
        {
            _queue.Add((provider, reply, fault));
        }

        return this;
    }

    private string? MatchBaseAddress(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return null;
        }

        lock (_gate)
        {
            foreach (var (baseAddress, provider) in _baseAddresses)
            {
                var prefix = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
                var target = uri.GetLeftPart(UriPartial.Path);
                if (target.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (target.Length == prefix.Length || target[prefix.Length] == '/'))
                {
                    return provider;
                }
            }
        }

        return null;
    }

    private SimulatedRequest Record(RequestInfo info, HttpRequestMessage request, string body, DateTimeOffset now)
    {
        var record = new SimulatedRequest(info, request, body, now);
        lock (_gate)
        {
            _requests.Add(record);
        }

        return record;
    }

    private (SimulatedReply Reply, SimulatedFault? Fault) Resolve(SimulatedRequest request)
    {
        var model = request.Model?.ToLowerInvariant();
        Func<SimulatedRequest, SimulatedReply>? responder = null;
        SimulatedFault? fault = null;
        lock (_gate)
        {
            var queued = _queue.FindIndex(q => q.Provider is null || q.Provider == request.Provider);
            if (queued >= 0)
            {
                var item = _queue[queued];
                _queue.RemoveAt(queued);
                if (item.Reply is { } one)
                {
                    return (one, null);
                }

                fault = item.Fault;
            }
            else if (!(model is not null && _faults.TryGetValue((request.Provider, model), out fault)))
            {
                _faults.TryGetValue((request.Provider, null), out fault);
            }

            if (!(model is not null && _replies.TryGetValue((request.Provider, model), out responder))
                && !_replies.TryGetValue((request.Provider, null), out responder))
            {
                _replies.TryGetValue((AnyProvider, null), out responder);
            }
        }

        return (responder?.Invoke(request) ?? new SimulatedReply(), fault);
    }

    private bool HasCredentials(WireDialect dialect, HttpRequestMessage request)
    {
        if (!dialect.IsAuthenticated(request))
        {
            return false;
        }

        if (dialect.Protocol != SimulatedProtocol.ErnieV1)
        {
            return true;
        }

        lock (_gate)
        {
            return _issuedTokens.Contains(ErnieV1Dialect.AccessToken(request)!);
        }
    }

    private string? IssueToken(HttpRequestMessage request, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(ErnieV1Dialect.QueryValue(request.RequestUri, "client_id"))
            || string.IsNullOrEmpty(ErnieV1Dialect.QueryValue(request.RequestUri, "client_secret")))
        {
            return null;
        }

        var token = ErnieV1Dialect.NewAccessToken(now);
        lock (_gate)
        {
            _issuedTokens.Add(token);
        }

        return token;
    }

    private HttpResponseMessage Build(ResponsePlan plan, HttpRequestMessage request, SimulatedFault? fault, TimeSpan eventInterval)
    {
        var content = new SimulatedContent(plan.ToSteps(fault, eventInterval), TimeProvider);
        if (plan.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", plan.ContentType);
        }

        var response = new HttpResponseMessage(plan.Status) { RequestMessage = request, Content = content };
        foreach (var (name, value) in plan.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static HttpResponseMessage NoRoute(HttpRequestMessage request)
    {
        // The path only: a query string may hold credentials (ERNIE v1).
        var text = $"ProviderSimulatorHandler: no simulated provider answers {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}. "
            + "Wire the simulator in with UseProviderSimulator, or call MapBaseAddress for this base address.";
        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            RequestMessage = request,
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        };
    }

    /// <summary>A provider the library supports but the simulator does not speak: HTTP 501 that says so.</summary>
    private static HttpResponseMessage NotSimulated(HttpRequestMessage request, string provider) => new(HttpStatusCode.NotImplemented)
    {
        RequestMessage = request,
        Content = new StringContent(
            $"ProviderSimulatorHandler does not simulate provider '{provider}'; it speaks {string.Join(", ", ProviderKeys.All)}.",
            Encoding.UTF8,
            "text/plain"),
    };
}
