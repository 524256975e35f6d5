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
    internal SimulatedRequest(
        string provider,
        SimulatedProtocol protocol,
        string method,
        Uri uri,
        IReadOnlyDictionary<string, string> headers,
        string body,
        DateTimeOffset receivedAt)
    {
        Provider = provider;
        Protocol = protocol;
        Method = method;
        Uri = uri;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>Gets the provider key the request was routed to: <c>deepseek</c>, <c>kimi</c>, <c>qwen</c>, <c>ernie</c>, <c>doubao</c>, <c>hunyuan</c>, <c>glm</c>, <c>baichuan</c>, <c>yi</c>, <c>stepfun</c>, <c>spark</c>, <c>minimax</c> or <c>pangu</c>.</summary>
    public string Provider { get; }

    /// <summary>Gets the wire protocol the request was answered in.</summary>
    public SimulatedProtocol Protocol { get; }

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
    public string? AuthorizationScheme { get; internal init; }

    /// <summary>Gets the model the request asked for (for ERNIE v1, the endpoint name in the path), or <see langword="null"/>.</summary>
    public string? Model { get; internal init; }

    /// <summary>Gets a value indicating whether the request asked for a stream.</summary>
    public bool IsStreaming { get; internal init; }

    /// <summary>Gets a value indicating whether this is a chat request (as opposed to, for example, an ERNIE v1 token request).</summary>
    public bool IsChat { get; internal init; }

    /// <summary>Gets a value indicating whether the request offered tools (functions) to the model.</summary>
    public bool HasTools { get; internal init; }

    /// <summary>Gets a value indicating whether the last message is a tool (function) result, as in the second leg of a tool call.</summary>
    public bool EndsWithToolResult { get; internal init; }

    /// <summary>Gets the text of the last user message, or <see langword="null"/> when there is none.</summary>
    public string? LastUserMessage { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"{Provider} ({Protocol}) {Method} {Uri.AbsolutePath}{(Model is null ? string.Empty : " model " + Model)}";
}
