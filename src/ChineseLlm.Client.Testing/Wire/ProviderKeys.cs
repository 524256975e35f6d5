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

    public static readonly IReadOnlyList<string> All = [Qwen, Ernie, Doubao, Hunyuan, Kimi, DeepSeek];

    /// <summary>Returns the lowercase provider key, or throws when <paramref name="provider"/> is not one of the six.</summary>
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
        _ => Hunyuan,
    };
}
