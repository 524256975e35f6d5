using ChineseLlm.Client.Testing.Wire.Vendors;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Decides which provider protocol a request speaks, from a provider hint (DI route or mapped base address),
/// the path, the <c>X-TC-Action</c> header, the host, and as a last resort the model name.
/// </summary>
internal static class ProtocolRouter
{
    private const string ChatCompletions = "/chat/completions";

    /// <summary>The OpenAI-style protocol of each provider's chat path (Qwen, ERNIE and Hunyuan also have native ones).</summary>
    private static readonly Dictionary<string, SimulatedProtocol> OpenAiByProvider =
        OpenAiVendors.All.ToDictionary(v => ProviderKeys.Of(v.Protocol), v => v.Protocol, StringComparer.Ordinal);

    /// <summary>
    /// Each OpenAI-style vendor's own host-name suffixes (docs/protocols/*.md) and, the last resort, its model-name prefixes.
    /// No vendor's suffix ends another's and no prefix starts another's, so the order does not matter.
    /// </summary>
    private static readonly (SimulatedProtocol Protocol, string[] Hosts, string[] ModelPrefixes)[] Vendors =
    [
        (SimulatedProtocol.DeepSeek, ["deepseek.com"], ["deepseek"]),
        (SimulatedProtocol.Kimi, ["moonshot.cn", "moonshot.ai", "kimi.com", "kimi.ai"], ["kimi", "moonshot"]),
        (SimulatedProtocol.HunyuanCompatible, ["hunyuan.cloud.tencent.com"], ["hunyuan"]),
        (SimulatedProtocol.Doubao, ["volces.com"], ["doubao", "ep-"]),
        (SimulatedProtocol.Glm, ["bigmodel.cn", "z.ai"], ["glm"]),
        (SimulatedProtocol.Baichuan, ["baichuan-ai.com"], ["baichuan"]),
        (SimulatedProtocol.Yi, ["lingyiwanwu.com"], ["yi-"]),
        (SimulatedProtocol.StepFun, ["stepfun.com", "stepfun.ai"], ["step-"]),
        (SimulatedProtocol.Spark, ["xf-yun.com"], ["generalv", "4.0ultra", "spark"]),
        (SimulatedProtocol.Pangu, ["myhuaweicloud.com"], ["pangu"]),
        (SimulatedProtocol.MiniMax, ["minimaxi.com", "minimax.io"], ["minimax", "abab"]),
        (SimulatedProtocol.ErnieV2, ["baidubce.com"], ["ernie"]),
        (SimulatedProtocol.QwenCompatible, ["aliyuncs.com"], ["qwen", "qwq"]),
    ];

    public static WireRoute? Resolve(HttpRequestMessage request, string? providerHint, string? model)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var isHunyuanAction = request.Headers.TryGetValues("X-TC-Action", out var actions)
            && actions.Any(a => string.Equals(a, "ChatCompletions", StringComparison.OrdinalIgnoreCase));

        // Paths that only one protocol uses.
        if (path.EndsWith("/services/aigc/text-generation/generation", StringComparison.Ordinal)
            || path.EndsWith("/services/aigc/multimodal-generation/generation", StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.QwenNative, WireOperation.Chat);
        }

        if (path.EndsWith("/compatible-mode/v1" + ChatCompletions, StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.QwenCompatible, WireOperation.Chat);
        }

        if (path.EndsWith("/oauth/2.0/token", StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.ErnieV1, WireOperation.ErnieToken);
        }

        if (path.Contains("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/", StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.ErnieV1, WireOperation.Chat);
        }

        if (isHunyuanAction)
        {
            return new(SimulatedProtocol.HunyuanNative, WireOperation.Chat);
        }

        if (!path.EndsWith(ChatCompletions, StringComparison.Ordinal))
        {
            return null;
        }

        // An OpenAI-dialect path: the hint, the vendor's host, the path prefix, then the model decide.
        if (providerHint is not null && OpenAiByProvider.TryGetValue(providerHint, out var hinted))
        {
            return new(hinted, WireOperation.Chat);
        }

        var byHost = ByHost(uri.Host);
        if (byHost is { } hosted)
        {
            return new(hosted, WireOperation.Chat);
        }

        if (path.EndsWith("/api/v3" + ChatCompletions, StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.Doubao, WireOperation.Chat);
        }

        if (path.EndsWith("/v2" + ChatCompletions, StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.ErnieV2, WireOperation.Chat);
        }

        var byModel = ByModel(model);
        return byModel is { } modelled ? new(modelled, WireOperation.Chat) : null;
    }

    private static SimulatedProtocol? ByHost(string host)
    {
        host = host.ToLowerInvariant();
        return Find(v => v.Hosts.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal)));
    }

    private static SimulatedProtocol? ByModel(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        var m = model.ToLowerInvariant();
        return Find(v => v.ModelPrefixes.Any(prefix => m.StartsWith(prefix, StringComparison.Ordinal)));
    }

    private static SimulatedProtocol? Find(Func<(SimulatedProtocol Protocol, string[] Hosts, string[] ModelPrefixes), bool> match)
    {
        foreach (var vendor in Vendors)
        {
            if (match(vendor))
            {
                return vendor.Protocol;
            }
        }

        return null;
    }
}
