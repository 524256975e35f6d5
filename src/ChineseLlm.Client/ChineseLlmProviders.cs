namespace ChineseLlm.Client;

/// <summary>The providers' settings. A provider is enabled when its section carries credentials.</summary>
public sealed class ChineseLlmProviders
{
    /// <summary>Gets or sets the DeepSeek settings (<c>ChineseLlm:Providers:DeepSeek</c>).</summary>
    public DeepSeekOptions DeepSeek { get; set; } = new();

    /// <summary>Gets or sets the Moonshot Kimi settings (<c>ChineseLlm:Providers:Kimi</c>).</summary>
    public KimiOptions Kimi { get; set; } = new();

    /// <summary>Gets or sets the Doubao (Volcengine Ark) settings (<c>ChineseLlm:Providers:Doubao</c>).</summary>
    public DoubaoOptions Doubao { get; set; } = new();

    /// <summary>Gets or sets the Zhipu GLM settings (<c>ChineseLlm:Providers:Glm</c>).</summary>
    public GlmOptions Glm { get; set; } = new();

    /// <summary>Gets or sets the Tencent Hunyuan settings (<c>ChineseLlm:Providers:Hunyuan</c>).</summary>
    public HunyuanOptions Hunyuan { get; set; } = new();

    /// <summary>Gets or sets the Baichuan settings (<c>ChineseLlm:Providers:Baichuan</c>).</summary>
    public BaichuanOptions Baichuan { get; set; } = new();

    /// <summary>Gets or sets the 01.AI Yi settings (<c>ChineseLlm:Providers:Yi</c>).</summary>
    public YiOptions Yi { get; set; } = new();

    /// <summary>Gets or sets the iFlytek Spark settings (<c>ChineseLlm:Providers:Spark</c>).</summary>
    public SparkOptions Spark { get; set; } = new();

    /// <summary>Gets or sets the MiniMax settings (<c>ChineseLlm:Providers:MiniMax</c>).</summary>
    public MiniMaxOptions MiniMax { get; set; } = new();

    /// <summary>Gets or sets the Huawei Pangu settings (<c>ChineseLlm:Providers:Pangu</c>).</summary>
    public PanguOptions Pangu { get; set; } = new();

    /// <summary>Gets or sets the StepFun (阶跃星辰) settings (<c>ChineseLlm:Providers:StepFun</c>).</summary>
    public StepFunOptions StepFun { get; set; } = new();

    /// <summary>Gets or sets the Baidu ERNIE (Qianfan) settings (<c>ChineseLlm:Providers:Ernie</c>).</summary>
    public ErnieOptions Ernie { get; set; } = new();

    /// <summary>Gets or sets the Qwen (Alibaba Cloud Model Studio, DashScope) settings (<c>ChineseLlm:Providers:Qwen</c>).</summary>
    public QwenOptions Qwen { get; set; } = new();
}
