namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>DashScope domains per region and the documented paths (facts: docs/protocols/qwen.md; Model Studio "Base URL overview").</summary>
internal static class QwenEndpoints
{
    /// <summary>Text models (qwen-plus, qwen-max, qwen3-max, qwen-flash …).</summary>
    public const string TextGenerationPath = "services/aigc/text-generation/generation";

    /// <summary>Multimodal models (Qwen-VL, QVQ, Qwen3.5 and later plus/flash models).</summary>
    public const string MultimodalGenerationPath = "services/aigc/multimodal-generation/generation";

    public static string Host(QwenRegion region) => region switch
    {
        QwenRegion.Singapore => "dashscope-intl.aliyuncs.com",
        QwenRegion.Virginia => "dashscope-us.aliyuncs.com",
        QwenRegion.HongKong => "cn-hongkong.dashscope.aliyuncs.com",
        _ => "dashscope.aliyuncs.com",
    };

    /// <summary>The native base URI, such as <c>https://dashscope.aliyuncs.com/api/v1</c>.</summary>
    public static Uri Native(QwenRegion region) => new($"https://{Host(region)}/api/v1");

    /// <summary>The OpenAI-compatible base URI, such as <c>https://dashscope.aliyuncs.com/compatible-mode/v1</c>.</summary>
    public static Uri Compatible(QwenRegion region) => new($"https://{Host(region)}/compatible-mode/v1");

    /// <summary>
    /// Whether a model is served only by multimodal-generation. Quirk (Model Studio DashScope API reference, 2026; a
    /// public report of qwen3.5-plus): calling such a model on text-generation answers 400 <c>InvalidParameter</c>
    /// "url error, please check url!". The docs name Qwen-VL, QVQ and the plus/flash models from Qwen3.5 on.
    /// </summary>
    public static bool IsMultimodalModel(string model)
    {
        var id = model.AsSpan().Trim();
        if (id.Contains("-vl", StringComparison.OrdinalIgnoreCase) || id.StartsWith("qvq", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // qwen3.5-plus, qwen3.6-flash, qwen3.7-plus-2026-… (the -max models of these generations stay text-only).
        if (!id.StartsWith("qwen", StringComparison.OrdinalIgnoreCase) ||
            !(id.Contains("-plus", StringComparison.OrdinalIgnoreCase) || id.Contains("-flash", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var version = id[4..];
        var dash = version.IndexOf('-');
        if (dash <= 0)
        {
            return false;
        }

        return Version.TryParse(version[..dash], out var v) && v.Minor >= 0 && v >= new Version(3, 5);
    }
}
