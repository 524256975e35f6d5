using ChineseLlm.Client.Providers.Baichuan;
using ChineseLlm.Client.Providers.DeepSeek;
using ChineseLlm.Client.Providers.Doubao;
using ChineseLlm.Client.Providers.Ernie;
using ChineseLlm.Client.Providers.Glm;
using ChineseLlm.Client.Providers.Hunyuan;
using ChineseLlm.Client.Providers.Kimi;
using ChineseLlm.Client.Providers.MiniMax;
using ChineseLlm.Client.Providers.Pangu;
using ChineseLlm.Client.Providers.Qwen;
using ChineseLlm.Client.Providers.Spark;
using ChineseLlm.Client.Providers.StepFun;
using ChineseLlm.Client.Providers.Yi;

namespace ChineseLlm.Client.DependencyInjection;

/// <summary>Every provider the library knows, in one list.</summary>
internal static class ProviderRegistrations
{
    /// <summary>The prefix of the providers' HttpClient names: <c>ChineseLlm.deepseek</c>, <c>ChineseLlm.kimi</c>, …</summary>
    public const string HttpClientNamePrefix = "ChineseLlm.";

    public static IReadOnlyList<ProviderRegistration> All { get; } =
    [
        new("deepseek", "DeepSeek", p => p.DeepSeek, _ => DeepSeekDialect.Instance,
            (sp, o, http) => new DeepSeekChatClient((DeepSeekOptions)o, http, sp)),
        new("kimi", "Kimi", p => p.Kimi, _ => KimiDialect.Instance,
            (sp, o, http) => new KimiChatClient((KimiOptions)o, http, sp)),
        new("ernie", "Ernie", p => p.Ernie,
            o => ((ErnieOptions)o).UsesLegacyProtocol ? ErnieV1ErrorMapper.Instance : ErnieDialect.Instance,
            (sp, o, http) => new ErnieChatClient((ErnieOptions)o, http, sp)),
        new("doubao", "Doubao", p => p.Doubao, _ => DoubaoDialect.Instance,
            (sp, o, http) => new DoubaoChatClient((DoubaoOptions)o, http, sp)),
        new("glm", "Glm", p => p.Glm, _ => GlmDialect.Instance,
            (sp, o, http) => new GlmChatClient((GlmOptions)o, http, sp)),
        new("hunyuan", "Hunyuan", p => p.Hunyuan,
            o => ((HunyuanOptions)o).UsesNativeProtocol ? HunyuanErrorMapper.Instance : HunyuanCompatibleDialect.Instance,
            (sp, o, http) => new HunyuanChatClient((HunyuanOptions)o, http, sp)),
        new("baichuan", "Baichuan", p => p.Baichuan, _ => BaichuanDialect.Instance,
            (sp, o, http) => new BaichuanChatClient((BaichuanOptions)o, http, sp)),
        new("yi", "Yi", p => p.Yi, _ => YiDialect.Instance,
            (sp, o, http) => new YiChatClient((YiOptions)o, http, sp)),
        new("spark", "Spark", p => p.Spark, _ => SparkDialect.Instance,
            (sp, o, http) => new SparkChatClient((SparkOptions)o, http, sp)),
        new("minimax", "MiniMax", p => p.MiniMax, _ => MiniMaxDialect.Instance,
            (sp, o, http) => new MiniMaxChatClient((MiniMaxOptions)o, http, sp)),
        new("pangu", "Pangu", p => p.Pangu, _ => PanguDialect.Instance,
            (sp, o, http) => new PanguChatClient((PanguOptions)o, http, sp)),
        new("stepfun", "StepFun", p => p.StepFun, _ => StepFunDialect.Instance,
            (sp, o, http) => OpenAiCompatibleChatClientFactory.Create(StepFunDialect.Instance, o, authenticator: null, ProviderServices.From(http, sp))),
        new("qwen", "Qwen", p => p.Qwen,
            o => ((QwenOptions)o).Protocol == QwenProtocol.OpenAiCompatible ? QwenCompatibleDialect.For(((QwenOptions)o).Region) : QwenErrorMapper.Instance,
            (sp, o, http) => new QwenChatClient((QwenOptions)o, http, sp)),
    ];
}
