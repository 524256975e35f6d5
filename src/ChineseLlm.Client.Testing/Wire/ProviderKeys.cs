namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The provider keys of the public contract and the protocols behind each.</summary>
internal static class ProviderKeys
{
    public const string DeepSeek = "deepseek";
    public const string Kimi = "kimi";
    public const string Qwen = "qwen";
    public const string Ernie = "ernie";
    public const string Doubao = "doubao";
    public const string Hunyuan = "hunyuan";
    public const string Glm = "glm";
    public const string Baichuan = "baichuan";
    public const string Yi = "yi";
    public const string StepFun = "stepfun";
    public const string Spark = "spark";
    public const string MiniMax = "minimax";
    public const string Pangu = "pangu";

    /// <summary>The providers the simulator speaks: all of ChineseLlm.Client's (a provider added to the client later gets HTTP 501 until it is added here).</summary>
    public static readonly IReadOnlyList<string> All = [Qwen, Ernie, Doubao, Hunyuan, Kimi, DeepSeek, Glm, Baichuan, Yi, StepFun, Spark, MiniMax, Pangu];

    /// <summary>Returns the lowercase provider key, or throws when <paramref name="provider"/> is not one the simulator speaks.</summary>
    public static string Normalize(string provider, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider, paramName);
        foreach (var key in All)
        {
            if (string.Equals(key, provider.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        throw new ArgumentException(
            $"Unknown provider '{provider}'. Use one of: {string.Join(", ", All)}.", paramName);
    }

    public static string Of(SimulatedProtocol protocol) => protocol switch
    {
        SimulatedProtocol.DeepSeek => DeepSeek,
        SimulatedProtocol.Kimi => Kimi,
        SimulatedProtocol.QwenNative or SimulatedProtocol.QwenCompatible => Qwen,
        SimulatedProtocol.ErnieV1 or SimulatedProtocol.ErnieV2 => Ernie,
        SimulatedProtocol.Doubao => Doubao,
        SimulatedProtocol.Glm => Glm,
        SimulatedProtocol.Baichuan => Baichuan,
        SimulatedProtocol.Yi => Yi,
        SimulatedProtocol.StepFun => StepFun,
        SimulatedProtocol.Spark => Spark,
        SimulatedProtocol.MiniMax => MiniMax,
        SimulatedProtocol.Pangu => Pangu,
        _ => Hunyuan,
    };
}
