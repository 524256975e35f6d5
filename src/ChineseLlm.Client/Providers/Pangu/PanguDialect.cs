using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Pangu;

/// <summary>
/// Huawei Pangu's OpenAI-format dialect (facts: docs/protocols/pangu.md): per-deployment URLs, vLLM-style bodies,
/// and Huawei's own error shape <c>{"error_code":"PANGU.xxxx","error_msg":"…"}</c> (gateway errors <c>APIG.xxxx</c>).
/// </summary>
internal sealed class PanguDialect() : OpenAiCompatibleDialect(
    // The endpoint is never used as is: Pangu has no public default host (each deployment has its own call path, shown
    // in the ModelArts Studio console), so PanguOptions requires `Endpoint`. This is the region's documented endpoint
    // with the OpenAI-format path, for metadata only.
    "pangu", new("https://pangu.cn-southwest-2.myhuaweicloud.com/api/v2"), "pangu-nlp-n1-32k",
    requestIdHeaders: ["X-Request-Id"])
{
    public static readonly PanguDialect Instance = new();

    /// <summary>Huawei's error body is <c>error_code</c>/<c>error_msg</c> at the top level, not <c>{"error":{…}}</c>.</summary>
    protected override WireError? ReadError(ErrorEnvelope envelope)
    {
        if (envelope.Error is { } error)
        {
            return error;
        }

        if (envelope.ExtraFields is not { } fields || !fields.TryGetValue("error_code", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var message = fields.TryGetValue("error_msg", out var msg) ? JsonElementText.GetString(msg) : null;
        return new WireError { Code = code.Clone(), Message = message };
    }

    /// <summary>Huawei's service (<c>PANGU.*</c>) and API gateway (<c>APIG.*</c>) codes.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.CodeText switch
    {
        "PANGU.0011" or "PANGU.0012" or "APIG.0301" or "APIG.0101" or "APIG.0303" or "APIG.0305" => LlmErrorKind.Authentication,
        "APIG.0308" => LlmErrorKind.RateLimited,
        "PANGU.0010" => LlmErrorKind.InvalidRequest,
        "PANGU.3308" or "PANGU.3315" or "APIG.0302" => LlmErrorKind.PermissionDenied,
        "PANGU.0001" or "PANGU.0031" => LlmErrorKind.ServerError,
        _ => base.Classify(statusCode, error),
    };
}
