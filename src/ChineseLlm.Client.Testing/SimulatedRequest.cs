using ChineseLlm.Client.Testing.Wire;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// A request that <see cref="ProviderSimulatorHandler"/> received, as recorded for assertions.
/// </summary>
/// <remarks>
/// The record holds no credentials: the <c>Authorization</c> header is left out (only its scheme is kept in
/// <see cref="AuthorizationScheme"/>), and the values of the <c>access_token</c>, <c>client_id</c> and <c>client_secret</c>
/// query parameters that ERNIE v1 uses are replaced by <c>***</c>.
/// </remarks>
public sealed class SimulatedRequest
{
    private readonly RequestInfo _info;

    /// <summary>Records <paramref name="request"/> as routed and read into <paramref name="info"/>, without its credentials.</summary>
    internal SimulatedRequest(RequestInfo info, HttpRequestMessage request, string body, DateTimeOffset receivedAt)
    {
        _info = info;
        Method = request.Method.Method;
        Uri = RedactQuery(request.RequestUri!);
        Headers = HeadersWithoutAuthorization(request);
        Body = body;
        ReceivedAt = receivedAt;
        AuthorizationScheme = WireDialect.RawAuthorization(request) is { Length: > 0 } auth ? auth.Split(' ', 2)[0] : null;
    }

    /// <summary>Gets the provider key the request was routed to: <c>deepseek</c>, <c>kimi</c>, <c>qwen</c>, <c>ernie</c>, <c>doubao</c>, <c>hunyuan</c>, <c>glm</c>, <c>baichuan</c>, <c>yi</c>, <c>stepfun</c>, <c>spark</c>, <c>minimax</c> or <c>pangu</c>.</summary>
    public string Provider => _info.Route.Provider;

    /// <summary>Gets the wire protocol the request was answered in.</summary>
    public SimulatedProtocol Protocol => _info.Route.Protocol;

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the request URI, with credential query values redacted.</summary>
    public Uri Uri { get; }

    /// <summary>Gets the request and content headers except <c>Authorization</c>, each as its comma-joined value.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the body text (empty when the request had none).</summary>
    public string Body { get; }

    /// <summary>Gets when the simulator received the request, according to its <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the scheme of the <c>Authorization</c> header (<c>Bearer</c>, <c>TC3-HMAC-SHA256</c>), or <see langword="null"/> when there was none.</summary>
    public string? AuthorizationScheme { get; }

    /// <summary>Gets the model the request asked for (for ERNIE v1, the endpoint name in the path), or <see langword="null"/>.</summary>
    public string? Model => _info.Model;

    /// <summary>Gets a value indicating whether the request asked for a stream.</summary>
    public bool IsStreaming => _info.IsStreaming;

    /// <summary>Gets a value indicating whether this is a chat request (as opposed to, for example, an ERNIE v1 token request).</summary>
    public bool IsChat => _info.Route.Operation == WireOperation.Chat;

    /// <summary>Gets a value indicating whether the request offered tools (functions) to the model.</summary>
    public bool HasTools => _info.HasTools;

    /// <summary>Gets a value indicating whether the last message is a tool (function) result, as in the second leg of a tool call.</summary>
    public bool EndsWithToolResult => _info.EndsWithToolResult;

    /// <summary>Gets the text of the last user message, or <see langword="null"/> when there is none.</summary>
    public string? LastUserMessage => _info.LastUserMessage;

    /// <inheritdoc />
    public override string ToString() => $"{Provider} ({Protocol}) {Method} {Uri.AbsolutePath}{(Model is null ? string.Empty : " model " + Model)}";

    private static Dictionary<string, string> HeadersWithoutAuthorization(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (!string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        foreach (var (name, values) in request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }

    private static Uri RedactQuery(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.Query))
        {
            return uri;
        }

        var parts = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            return name is "access_token" or "client_id" or "client_secret" ? name + "=***" : pair;
        });
        return new UriBuilder(uri) { Query = string.Join('&', parts) }.Uri;
    }
}
