using ChineseLlm.Client.Providers.DeepSeek;
using ChineseLlm.Client.Providers.Glm;
using ChineseLlm.Client.Providers.Kimi;
using ChineseLlm.Client.Providers.MiniMax;
using ChineseLlm.Client.Providers.Qwen;
using ChineseLlm.Client.Providers.Yi;

namespace ChineseLlm.Client.Catalog;

/// <summary>Where one provider's model list is read: the URI and the credentials of the request.</summary>
internal sealed record ModelListRequest(Uri Uri, RequestAuthenticator Authenticator);

/// <summary>
/// Which vendors publish a model list this library can read, and how (the catalog health check's one table).
/// </summary>
/// <remarks>
/// <para>Every readable list is the OpenAI-dialect <c>GET {Endpoint}/models</c> answering
/// <c>{"object":"list","data":[{"id":…},…]}</c>; vendors add fields (Kimi's <c>context_length</c>, DeepSeek's
/// <c>context_window</c>, MiniMax's <c>created</c>), only <c>data[].id</c> is read. The shapes and their sources are
/// in tests/Payloads/models/README.md.</para>
/// <para>A vendor missing here is reported as not checkable, with the reason from <see cref="NotCheckableReason"/>.</para>
/// </remarks>
internal static class VendorModelLists
{
    /// <summary>The relative path of the OpenAI-dialect model list under a provider's endpoint.</summary>
    public const string ModelsPath = "models";

    /// <summary>Builds the list request of a provider, or returns <see langword="null"/> when its vendor has no list this library reads.</summary>
    /// <param name="provider">The provider key (<c>deepseek</c>, <c>qwen</c>, …).</param>
    /// <param name="options">The provider's options (endpoint and credentials).</param>
    /// <param name="timeProvider">The clock (GLM signs a short-lived token).</param>
    public static ModelListRequest? For(string provider, ChineseLlmProviderOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return null;
        }

        return provider switch
        {
            "deepseek" => Bearer(options.Endpoint ?? DeepSeekDialect.Instance.DefaultEndpoint, options.ApiKey),
            "kimi" => Bearer(options.Endpoint ?? KimiDialect.Instance.DefaultEndpoint, options.ApiKey),
            "minimax" => Bearer(options.Endpoint ?? MiniMaxDialect.Instance.DefaultEndpoint, options.ApiKey),
            "yi" => Bearer(options.Endpoint ?? YiDialect.Instance.DefaultEndpoint, options.ApiKey),
            "glm" => new ModelListRequest(
                ProviderEndpoint.Combine(options.Endpoint ?? GlmDialect.Instance.DefaultEndpoint, ModelsPath),
                new GlmJwtAuthenticator(new GlmTokenProvider(options.ApiKey, timeProvider))),
            "qwen" when options is QwenOptions qwen => Bearer(QwenCompatibleEndpoint(qwen), options.ApiKey),
            _ => null,
        };
    }

    /// <summary>Says why a provider's models cannot be listed (for the health check's description).</summary>
    public static string NotCheckableReason(string provider) => provider switch
    {
        "doubao" => "Volcengine Ark lists models only through its AK/SK-signed OpenAPI (ListFoundationModels), not with the API key",
        "hunyuan" => "Tencent documents no model list for the Hunyuan endpoints this library calls",
        "ernie" => "Baidu Qianfan documents no model list for the v2 chat API key",
        _ => "the vendor documents no model-list endpoint",
    };

    /// <summary>Reads the model ids of an OpenAI-dialect list (<c>data[].id</c>).</summary>
    /// <exception cref="JsonException">The body is not such a list.</exception>
    public static HashSet<string> ParseIds(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the answer has no 'data' array of models");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in data.EnumerateArray())
        {
            if (model.ValueKind == JsonValueKind.Object
                && model.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value)
            {
                ids.Add(value);
            }
        }

        return ids;
    }

    /// <summary>
    /// DashScope serves the OpenAI-dialect list under compatible mode whichever protocol the client calls with:
    /// the configured endpoint in compatible mode, else <c>/compatible-mode/v1</c> on the native endpoint's host.
    /// </summary>
    private static Uri QwenCompatibleEndpoint(QwenOptions options) => options switch
    {
        { Protocol: QwenProtocol.OpenAiCompatible, Endpoint: { } endpoint } => endpoint,
        { Endpoint: { } native } => new Uri(native, "/compatible-mode/v1"),
        _ => QwenEndpoints.Compatible(options.Region),
    };

    private static ModelListRequest Bearer(Uri endpoint, string apiKey)
        => new(ProviderEndpoint.Combine(endpoint, ModelsPath), new BearerTokenAuthenticator(apiKey));
}
