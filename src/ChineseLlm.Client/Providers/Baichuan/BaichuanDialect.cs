using System.Net;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Baichuan;

/// <summary>Baichuan's dialect (facts: docs/protocols/baichuan.md, from the 2026 API page).</summary>
internal sealed class BaichuanDialect() : OpenAiCompatibleDialect(
    "baichuan", new("https://api.baichuan-ai.com/v1"), "Baichuan4-Turbo",
    requestIdHeaders: ["X-BC-Request-Id"],
    passThroughFields: ["top_k", "with_search_enhance", "metadata"],
    // The vendor's official or recommended client is openai-python (docs/protocols/baichuan.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly BaichuanDialect Instance = new();

    private const int MinMaxTokens = 1;
    private const int MaxMaxTokens = 2048;

    /// <summary>Array content is only documented for text and uploaded files on the M-Plus models; there is no image input.</summary>
    public override bool SupportsContentParts => false;

    /// <summary>Usage always rides on the last content chunk; <c>stream_options</c> is not a documented field.</summary>
    public override bool RequestsStreamUsage => false;

    /// <summary>
    /// The API page's hard rules (docs/protocols/baichuan.md, "Request"): <c>max_tokens</c> in [1, 2048], and system
    /// messages only at the start. Both are refused here, before sending, with a message naming the rule; the vendor's
    /// own answer to either is an opaque 400.
    /// </summary>
    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        if (request.MaxTokens is { } max and (< MinMaxTokens or > MaxMaxTokens))
        {
            throw new ChineseLlmException(
                ProviderName,
                LlmErrorKind.InvalidRequest,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Baichuan's max_tokens must be between {MinMaxTokens} and {MaxMaxTokens}; ChatOptions.MaxOutputTokens is {max}."));
        }

        var seenOther = false;
        for (var i = 0; i < request.Messages.Count; i++)
        {
            if (request.Messages[i].Role == "system")
            {
                if (seenOther)
                {
                    throw new ChineseLlmException(
                        ProviderName,
                        LlmErrorKind.InvalidRequest,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Baichuan takes system messages only at the start of the conversation; messages[{i}] is a system message after a user or assistant message."));
                }
            }
            else
            {
                seenOther = true;
            }
        }
    }

    /// <summary>
    /// The error-code page is not stored here; the classification reads the OpenAI-style code/type first and falls back
    /// to the HTTP status (see docs/protocols/baichuan.md, "Errors").
    /// </summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error)
    {
        var code = error.CodeText ?? error.Type;
        if (IsAny(code, error.Message, "insufficient_quota", "balance", "余额", "欠费"))
        {
            return LlmErrorKind.QuotaExceeded;
        }

        if (IsAny(code, error.Message, "sensitive", "敏感", "content_filter"))
        {
            return LlmErrorKind.ContentFiltered;
        }

        if (IsAny(code, null, "invalid_api_key", "authentication"))
        {
            return LlmErrorKind.Authentication;
        }

        if (IsAny(code, null, "rate_limit"))
        {
            return LlmErrorKind.RateLimited;
        }

        if (IsAny(code, null, "model_not_found"))
        {
            return LlmErrorKind.ModelNotFound;
        }

        return statusCode == (int)HttpStatusCode.Forbidden && IsAny(null, error.Message, "quota")
            ? LlmErrorKind.QuotaExceeded
            : base.Classify(statusCode, error);
    }

    private static bool IsAny(string? code, string? message, params string[] needles)
    {
        foreach (var needle in needles)
        {
            if ((code?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false) ||
                (message?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false))
            {
                return true;
            }
        }

        return false;
    }
}
