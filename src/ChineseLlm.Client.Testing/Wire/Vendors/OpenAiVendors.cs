using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>Every vendor the simulator speaks in the OpenAI Chat Completions shape.</summary>
internal static class OpenAiVendors
{
    public static readonly IReadOnlyList<OpenAiVendor> All =
    [
        DeepSeekWire.Facts,
        KimiWire.Facts,
        QwenCompatibleWire.Facts,
        ErnieV2Wire.Facts,
        DoubaoWire.Facts,
        HunyuanCompatibleWire.Facts,
        GlmWire.Facts,
        BaichuanWire.Facts,
        YiWire.Facts,
        StepFunWire.Facts,
        SparkWire.Facts,
        MiniMaxWire.Facts,
        PanguWire.Facts,
    ];
}
