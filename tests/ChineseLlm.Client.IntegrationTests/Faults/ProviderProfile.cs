using ChineseLlm.Client.Conformance;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// What the reliability suites (faults, cancellation, load, bad input, secrets) need to know about one provider: how
/// to build its client, its fixtures, how it encodes an error inside HTTP 200 and inside a stream, and its fake
/// credentials. One entry in <see cref="ProviderProfiles.All"/> puts a provider through every suite.
/// </summary>
public sealed record ProviderProfile
{
    /// <summary>Gets the provider key, as in <see cref="ChineseLlmException.Provider"/> and the keyed service.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the profile's name in test names; differs from <see cref="Key"/> for a provider's second protocol.</summary>
    public string Id { get => field ?? Key; init; }

    /// <summary>Gets the section under <c>ChineseLlm:Providers</c>, such as <c>DeepSeek</c>.</summary>
    public required string SectionName { get; init; }

    /// <summary>Gets the folder under tests/Payloads; defaults to <see cref="Key"/>.</summary>
    public string PayloadFolder { get => field ?? Key; init; }

    /// <summary>Gets what is appended to the server's base URI to form the provider's <c>Endpoint</c> (<c>/v1</c> for Kimi).</summary>
    public string EndpointSuffix { get; init; } = string.Empty;

    /// <summary>Gets the successful non-streaming fixture.</summary>
    public required string ChatFixture { get; init; }

    /// <summary>Gets the successful streaming fixture (an SSE transcript whose first data event carries content).</summary>
    public required string StreamFixture { get; init; }

    /// <summary>Gets the text the chat fixture maps to (to tell a served fixture from a broken one).</summary>
    public required string ChatText { get; init; }

    /// <summary>Gets the configuration values that enable the provider (credentials), relative to its section.</summary>
    public required IReadOnlyDictionary<string, string> Credentials { get; init; }

    /// <summary>Creates the options type with <see cref="Credentials"/> set.</summary>
    public required Func<ChineseLlmProviderOptions> NewOptions { get; init; }

    /// <summary>Builds the client from options, with an optional transport, clock and logger factory.</summary>
    public required Func<ChineseLlmProviderOptions, HttpClient?, TimeProvider?, ILoggerFactory?, IChatClient> Build { get; init; }

    /// <summary>Gets an error body the provider sends with HTTP 200, and the kind it must map to.</summary>
    public required (string Body, LlmErrorKind Kind) ErrorInOkBody { get; init; }

    /// <summary>Gets an SSE transcript with content followed by an error event, and the kind that error must map to.</summary>
    public required (string Transcript, LlmErrorKind Kind) ErrorEventInStream { get; init; }

    /// <summary>Gets a 429 body the provider's mapper marks as a transient rate limit (retried).</summary>
    public required string RateLimitBody { get; init; }

    /// <summary>Gets a 429 body that means an exhausted balance (never retried), when the vendor sends one.</summary>
    public string? QuotaExhausted429Body { get; init; }

    /// <summary>Renders a successful non-streaming body whose answer is the given text (used by the load test's echo server).</summary>
    public required Func<string, string> RenderChat { get; init; }

    /// <summary>Gets the JSON field that carries a stream event's text (<c>content</c>; ERNIE v1 <c>result</c>).</summary>
    public string StreamTextField { get; init; } = "content";

    /// <summary>
    /// Gets a side endpoint the client calls besides the chat (an OAuth or IAM token endpoint): requests whose path
    /// contains <c>PathPart</c> are answered with <c>Body</c> (and <c>Headers</c>) and not counted as provider hits.
    /// </summary>
    public (string PathPart, string Body, (string Name, string Value)[] Headers)? SideEndpoint { get; init; }

    /// <summary>Gets the settings, relative to the provider's section, that point it at a server besides <c>Endpoint</c> (a token endpoint).</summary>
    public Func<Uri, IReadOnlyDictionary<string, string>> ServerSettings { get; init; } = _ => new Dictionary<string, string>();

    /// <summary>Gets what points typed options at a server besides <c>Endpoint</c> (the same as <see cref="ServerSettings"/>).</summary>
    public Action<ChineseLlmProviderOptions, Uri>? PointAtServer { get; init; }

    /// <summary>Gets which files of <see cref="PayloadFolder"/> are responses of this profile's protocol (fuzz seeds).</summary>
    public Func<string, bool> IsResponseFixture { get; init; } = static name =>
        (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".sse", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal)) &&
        !name.StartsWith("request-", StringComparison.Ordinal) && name is not ("balance.json" or "models.json" or "estimate-token-count.json");

    /// <summary>Gets the response fixtures of this profile, sorted by name (so generated cases are reproducible).</summary>
    public IReadOnlyList<string> ResponseFixtures() =>
        [.. Directory.GetFiles(System.IO.Path.GetDirectoryName(Payload.Path(PayloadFolder, "x"))!)
            .Select(f => System.IO.Path.GetFileName(f))
            .Where(IsResponseFixture)
            .Order(StringComparer.Ordinal)];

    /// <summary>Gets secrets derived from the credentials (the secret half of an id.secret key, say).</summary>
    public IReadOnlyList<string> ExtraSecrets { get; init; } = [];

    /// <summary>
    /// Gets the credentials the client must keep as text because they go on the wire as header text (a bearer key, a
    /// TC3 SecretId); every other secret (HMAC keys, the secret half of an id.secret key) may be held only as bytes.
    /// </summary>
    public IReadOnlyList<string> HeldAsText { get => field ?? (Credentials.TryGetValue("ApiKey", out var key) ? [key] : []); init; }

    /// <summary>Gets every secret value the provider's configuration holds (all must stay out of errors, logs and tags).</summary>
    public IEnumerable<string> SecretValues => Credentials.Values.Concat(ExtraSecrets);

    /// <summary>Gets the endpoint to configure for a server at <paramref name="baseUri"/>.</summary>
    public Uri EndpointFor(Uri baseUri) => new(baseUri.ToString().TrimEnd('/') + EndpointSuffix);

    /// <summary>Builds a client for the server at <paramref name="baseUri"/>, the way users build it without DI.</summary>
    public IChatClient CreateClient(
        Uri baseUri,
        Action<ChineseLlmProviderOptions>? configure = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        HttpClient? httpClient = null)
    {
        var options = NewOptions();
        options.Endpoint = EndpointFor(baseUri);
        PointAtServer?.Invoke(options, baseUri);
        configure?.Invoke(options);
        return Build(options, httpClient, timeProvider, loggerFactory);
    }

    /// <summary>Reads one of the provider's fixtures.</summary>
    public string Read(string file) => Payload.Read(PayloadFolder, file);

    /// <summary>Prepares <paramref name="server"/> for this provider (side endpoints).</summary>
    public void Prepare(FaultServer server)
    {
        if (SideEndpoint is not { } side)
        {
            return;
        }

        server.Auxiliary = async context =>
        {
            if (!context.Request.Path.Value!.Contains(side.PathPart, StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var (name, value) in side.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(side.Body);
            return true;
        };
    }

    /// <summary>Answers the side endpoint in memory (the fuzz test's transport); <see langword="null"/> for the chat call.</summary>
    public HttpResponseMessage? AnswerSideRequest(HttpRequestMessage request)
    {
        if (SideEndpoint is not { } side || request.RequestUri?.AbsolutePath.Contains(side.PathPart, StringComparison.Ordinal) != true)
        {
            return null;
        }

        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(side.Body, System.Text.Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        foreach (var (name, value) in side.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public override string ToString() => Id;
}
