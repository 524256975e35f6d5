namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Decides which provider protocol a request speaks, from a provider hint (DI route or mapped base address),
/// the path, the <c>X-TC-Action</c> header, the host, and as a last resort the model name.
/// </summary>
internal static class ProtocolRouter
{
    private const string ChatCompletions = "/chat/completions";

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

        // An OpenAI-dialect path: the hint, the path prefix, the host, then the model decide.
        var byHint = providerHint switch
        {
            ProviderKeys.DeepSeek => SimulatedProtocol.DeepSeek,
            ProviderKeys.Kimi => SimulatedProtocol.Kimi,
            ProviderKeys.Qwen => SimulatedProtocol.QwenCompatible,
            ProviderKeys.Ernie => SimulatedProtocol.ErnieV2,
            ProviderKeys.Doubao => SimulatedProtocol.Doubao,
            ProviderKeys.Hunyuan => SimulatedProtocol.HunyuanCompatible,
            ProviderKeys.Glm => SimulatedProtocol.Glm,
            ProviderKeys.Baichuan => SimulatedProtocol.Baichuan,
            ProviderKeys.Yi => SimulatedProtocol.Yi,
            ProviderKeys.StepFun => SimulatedProtocol.StepFun,
            ProviderKeys.Spark => SimulatedProtocol.Spark,
            _ => (SimulatedProtocol?)null,
        };
        if (byHint is { } hinted)
        {
            return new(hinted, WireOperation.Chat);
        }

        if (path.EndsWith("/api/v3" + ChatCompletions, StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.Doubao, WireOperation.Chat);
        }

        if (path.EndsWith("/v2" + ChatCompletions, StringComparison.Ordinal))
        {
            return new(SimulatedProtocol.ErnieV2, WireOperation.Chat);
        }

        var byHost = ByHost(uri.Host);
        if (byHost is { } hosted)
        {
            return new(hosted, WireOperation.Chat);
        }

        var byModel = ByModel(model);
        return byModel is { } modelled ? new(modelled, WireOperation.Chat) : null;
    }

    private static SimulatedProtocol? ByHost(string host)
    {
        host = host.ToLowerInvariant();
        if (host.EndsWith("deepseek.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.DeepSeek;
        }

        if (host.EndsWith("moonshot.cn", StringComparison.Ordinal) || host.EndsWith("moonshot.ai", StringComparison.Ordinal)
            || host.EndsWith("kimi.com", StringComparison.Ordinal) || host.EndsWith("kimi.ai", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Kimi;
        }

        if (host.EndsWith("hunyuan.cloud.tencent.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.HunyuanCompatible;
        }

        if (host.EndsWith("volces.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Doubao;
        }

        if (host.EndsWith("bigmodel.cn", StringComparison.Ordinal) || host.EndsWith("z.ai", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Glm;
        }

        if (host.EndsWith("baichuan-ai.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Baichuan;
        }

        if (host.EndsWith("lingyiwanwu.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Yi;
        }

        if (host.EndsWith("stepfun.com", StringComparison.Ordinal) || host.EndsWith("stepfun.ai", StringComparison.Ordinal))
        {
            return SimulatedProtocol.StepFun;
        }

        if (host.EndsWith("xf-yun.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Spark;
        }

        if (host.EndsWith("baidubce.com", StringComparison.Ordinal))
        {
            return SimulatedProtocol.ErnieV2;
        }

        return host.EndsWith("aliyuncs.com", StringComparison.Ordinal) ? SimulatedProtocol.QwenCompatible : null;
    }

    private static SimulatedProtocol? ByModel(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        var m = model.ToLowerInvariant();
        if (m.StartsWith("deepseek", StringComparison.Ordinal))
        {
            return SimulatedProtocol.DeepSeek;
        }

        if (m.StartsWith("kimi", StringComparison.Ordinal) || m.StartsWith("moonshot", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Kimi;
        }

        if (m.StartsWith("qwen", StringComparison.Ordinal) || m.StartsWith("qwq", StringComparison.Ordinal))
        {
            return SimulatedProtocol.QwenCompatible;
        }

        if (m.StartsWith("ernie", StringComparison.Ordinal))
        {
            return SimulatedProtocol.ErnieV2;
        }

        if (m.StartsWith("doubao", StringComparison.Ordinal) || m.StartsWith("ep-", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Doubao;
        }

        if (m.StartsWith("glm", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Glm;
        }

        if (m.StartsWith("baichuan", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Baichuan;
        }

        if (m.StartsWith("yi-", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Yi;
        }

        if (m.StartsWith("generalv", StringComparison.Ordinal) || m.StartsWith("4.0ultra", StringComparison.Ordinal) || m.StartsWith("spark", StringComparison.Ordinal))
        {
            return SimulatedProtocol.Spark;
        }

        if (m.StartsWith("step-", StringComparison.Ordinal))
        {
            return SimulatedProtocol.StepFun;
        }

        return m.StartsWith("hunyuan", StringComparison.Ordinal) ? SimulatedProtocol.HunyuanCompatible : null;
    }
}
