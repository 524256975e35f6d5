using System.Globalization;
using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;
using ChineseLlm.Client.Testing.Wire.Vendors;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// One provider protocol: how it writes a reply (JSON body or SSE stream), how it writes each error kind,
/// and what it accepts as credentials.
/// </summary>
internal abstract class WireDialect
{
    internal const string JsonType = "application/json";
    internal const string JsonUtf8Type = "application/json; charset=utf-8";
    internal const string EventStreamType = "text/event-stream; charset=utf-8";

    public abstract SimulatedProtocol Protocol { get; }

    private static readonly Dictionary<SimulatedProtocol, WireDialect> Dialects = Build();

    public static WireDialect For(SimulatedProtocol protocol) => Dialects[protocol];

    /// <summary>The native protocols have a writer each; every OpenAI-style vendor is its facts on the one shared writer.</summary>
    private static Dictionary<SimulatedProtocol, WireDialect> Build()
    {
        var dialects = new Dictionary<SimulatedProtocol, WireDialect>
        {
            [SimulatedProtocol.QwenNative] = new QwenNativeDialect(),
            [SimulatedProtocol.ErnieV1] = new ErnieV1Dialect(),
            [SimulatedProtocol.HunyuanNative] = new HunyuanNativeDialect(),
        };
        foreach (var vendor in OpenAiVendors.All)
        {
            dialects.Add(vendor.Protocol, new OpenAiStyleDialect(vendor));
        }

        return dialects;
    }

    /// <summary>Writes the reply as a JSON body, or as an SSE stream when the request asked for one.</summary>
    public abstract ResponsePlan Reply(ReplyContext context);

    /// <summary>Writes the provider's own error response for <see cref="ErrorContext.Kind"/>.</summary>
    public ResponsePlan Error(ErrorContext context)
    {
        if (context.Kind == LlmErrorKind.Protocol)
        {
            return NotTheProtocol();
        }

        var plan = ProviderError(context);
        if (context.RetryAfter is { } wait)
        {
            plan.WithHeader("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        return plan;
    }

    /// <summary>
    /// The event a started stream sends to report <see cref="ErrorContext.Kind"/> in-band: by default the provider's
    /// error body as a <c>data:</c> event.
    /// </summary>
    public virtual WireSegment StreamError(ErrorContext context)
    {
        var body = ProviderError(context).Segments.Where(s => s.Json is not null).Select(s => s.Json!).FirstOrDefault()
            ?? SharedShapes.ErrorEnvelope("internal error", "server_error", writeParam: false, code: null);
        return Sse.Data(body);
    }

    /// <summary>Returns whether the request carries the credentials this protocol requires (their values are not checked).</summary>
    public virtual bool IsAuthenticated(HttpRequestMessage request) => HasBearer(request);

    protected abstract ResponsePlan ProviderError(ErrorContext context);

    /// <summary>The <c>Authorization</c> header as sent (the typed accessor returns null for values it cannot parse).</summary>
    public static string? RawAuthorization(HttpRequestMessage request) =>
        request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? values.ToString().Trim() : null;

    protected static bool HasBearer(HttpRequestMessage request) =>
        RawAuthorization(request) is { } auth
        && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && auth.Length > "Bearer ".Length
        && !string.IsNullOrWhiteSpace(auth["Bearer ".Length..]);

    protected static ResponsePlan JsonError(HttpStatusCode status, byte[] json, string? contentType = JsonType) =>
        new ResponsePlan { Status = status, ContentType = contentType }.WithJsonBody(json);

    /// <summary>What a client sees when something between it and the provider answers instead: an HTML page with HTTP 200.</summary>
    private static ResponsePlan NotTheProtocol()
    {
        var html = "<!DOCTYPE html><html><head><title>Gateway notice</title></head><body><h1>Service notice</h1><p>This page was served by a proxy, not by the model API.</p></body></html>"u8.ToArray();
        var plan = new ResponsePlan { Status = HttpStatusCode.OK, ContentType = "text/html; charset=utf-8" };
        plan.Segments.Add(new WireSegment(html, IsEvent: false));
        return plan;
    }
}
