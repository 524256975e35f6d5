namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Decides which provider protocol a request speaks, from a provider hint (DI route or mapped base address),
/// the path, the <c>X-TC-Action</c> header, the host, and as a last resort the model name.
/// </summary>
internal static class ProtocolRouter
{
    private const string ChatCompletions = "/chat/completions";

    /// <summary>The OpenAI-style protocol of each provider's chat path (Qwen, ERNIE and Hunyuan also have native ones).</summary>
    private static readonly Dictionary<string, SimulatedProtocol> OpenAiByProvider = new(StringComparer.Ordinal)
    {
        [ProviderKeys.DeepSeek] = SimulatedProtocol.DeepSeek,
        [ProviderKeys.Kimi] = SimulatedProtocol.Kimi,
        [ProviderKeys.Qwen] = SimulatedProtocol.QwenCompatible,
        [ProviderKeys.Ernie] = SimulatedProtocol.ErnieV2,
        [ProviderKeys.Doubao] = SimulatedProtocol.Doubao,
        [ProviderKeys.Hunyuan] = SimulatedProtocol.HunyuanCompatible,
        [ProviderKeys.Glm] = SimulatedProtocol.Glm,
        [ProviderKeys.Baichuan] = SimulatedProtocol.Baichuan,
        [ProviderKeys.Yi] = SimulatedProtocol.Yi,
        [ProviderKeys.StepFun] = SimulatedProtocol.StepFun,
        [ProviderKeys.Spark] = SimulatedProtocol.Spark,
        [ProviderKeys.MiniMax] = SimulatedProtocol.MiniMax,
        [ProviderKeys.Pangu] = SimulatedProtocol.Pangu,
    };

    /// <summary>The vendors' own host names (docs/protocols/*.md), most specific first.</summary>
    private static readonly (string Suffix, SimulatedProtocol Protocol)[] Hosts =
    [
        ("deepseek.com", SimulatedProtocol.DeepSeek),
        ("moonshot.cn", SimulatedProtocol.Kimi),
        ("moonshot.ai", SimulatedProtocol.Kimi),
        ("kimi.com", SimulatedProtocol.Kimi),
        ("kimi.ai", SimulatedProtocol.Kimi),
        ("hunyuan.cloud.tencent.com", SimulatedProtocol.HunyuanCompatible),
        ("volces.com", SimulatedProtocol.Doubao),
        ("bigmodel.cn", SimulatedProtocol.Glm),
        ("z.ai", SimulatedProtocol.Glm),
        ("baichuan-ai.com", SimulatedProtocol.Baichuan),
        ("lingyiwanwu.com", SimulatedProtocol.Yi),
        ("stepfun.com", SimulatedProtocol.StepFun),
        ("stepfun.ai", SimulatedProtocol.StepFun),
        ("xf-yun.com", SimulatedProtocol.Spark),
        ("myhuaweicloud.com", SimulatedProtocol.Pangu),
        ("minimaxi.com", SimulatedProtocol.MiniMax),
        ("minimax.io", SimulatedProtocol.MiniMax),
        ("baidubce.com", SimulatedProtocol.ErnieV2),
        ("aliyuncs.com", SimulatedProtocol.QwenCompatible),
    ];

    /// <summary>Model-name prefixes, the last resort.</summary>
    private static readonly (string Prefix, SimulatedProtocol Protocol)[] ModelPrefixes =
    [
        ("deepseek", SimulatedProtocol.DeepSeek),
        ("kimi", SimulatedProtocol.Kimi),
        ("moonshot", SimulatedProtocol.Kimi),
        ("qwen", SimulatedProtocol.QwenCompatible),
        ("qwq", SimulatedProtocol.QwenCompatible),
        ("ernie", SimulatedProtocol.ErnieV2),
        ("doubao", SimulatedProtocol.Doubao),
        ("ep-", SimulatedProtocol.Doubao),
        ("glm", SimulatedProtocol.Glm),
        ("baichuan", SimulatedProtocol.Baichuan),
        ("yi-", SimulatedProtocol.Yi),
        ("generalv", SimulatedProtocol.Spark),
        ("4.0ultra", SimulatedProtocol.Spark),
        ("spark", SimulatedProtocol.Spark),
        ("step-", SimulatedProtocol.StepFun),
        ("minimax", SimulatedProtocol.MiniMax),
        ("abab", SimulatedProtocol.MiniMax),
        ("pangu", SimulatedProtocol.Pangu),
        ("hunyuan", SimulatedProtocol.HunyuanCompatible),
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
        foreach (var (suffix, protocol) in Hosts)
        {
            if (host.EndsWith(suffix, StringComparison.Ordinal))
            {
                return protocol;
            }
        }

        return null;
    }

    private static SimulatedProtocol? ByModel(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        var m = model.ToLowerInvariant();
        foreach (var (prefix, protocol) in ModelPrefixes)
        {
            if (m.StartsWith(prefix, StringComparison.Ordinal))
            {
                return protocol;
            }
        }

        return null;
    }
}
