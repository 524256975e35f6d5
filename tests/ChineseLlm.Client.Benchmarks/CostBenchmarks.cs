using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;
using ChineseLlm.Client.Catalog;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// Cost computation from the embedded catalog: pricing a finished call from its usage (DeepSeek, with peak-hour
/// time windows and cache hits), estimating a planned call on a banded model (Qwen Plus, the second band), and the
/// input token estimate that feeds the estimate (o200k_base tokenizer over the benchmark conversation).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Cost")]
public class CostBenchmarks
{
    // A weekday at 10:30 in Beijing: inside DeepSeek's 09:00-12:00 peak window.
    private static readonly DateTimeOffset PeakTime = new(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(8));

    private static readonly UsageDetails Usage = new()
    {
        InputTokenCount = 324, CachedInputTokenCount = 192, OutputTokenCount = 58, TotalTokenCount = 382,
    };

    private static readonly List<ChatMessage> Conversation =
    [
        new(ChatRole.System, "You are a helpful assistant."),
        new(ChatRole.User, "写一个C语言程序，输入两个整数，输出它们的和。"),
    ];

    private ModelCard _deepSeek = null!;
    private ModelCard _qwenPlus = null!;

    [GlobalSetup]
    public void Setup()
    {
        _deepSeek = ModelCatalog.Embedded.Find("deepseek", "deepseek-flash")!;
        _qwenPlus = ModelCatalog.Embedded.Find("qwen", "qwen-plus")!;

        // 132 uncached × 1 + 192 cached × 0.02 + 58 output × 4, doubled at peak, per million tokens.
        Check.Equal(2 * ((132m * 1m) + (192m * 0.02m) + (58m * 4m)) / 1_000_000m, PriceFinishedCall(), nameof(PriceFinishedCall));
        Check.Equal(true, EstimatePlannedCall() > 0, nameof(EstimatePlannedCall));
    }

    [Benchmark(Description = "Price a finished call (usage, time window)")]
    public decimal? PriceFinishedCall() => CostCalculator.Calculate(_deepSeek, Usage, PeakTime);

    [Benchmark(Description = "Estimate a planned call (price bands)")]
    public decimal? EstimatePlannedCall() => CostCalculator.Estimate(_qwenPlus, inputTokens: 200_000, outputTokens: 1_000, PeakTime);

    [Benchmark(Description = "Estimate input tokens (o200k_base)")]
    public long EstimateInputTokens() => TokenEstimator.Shared.EstimateInputTokens(Conversation);
}
