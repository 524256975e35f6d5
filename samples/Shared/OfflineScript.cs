using System.Text.RegularExpressions;
using ChineseLlm.Client;
using ChineseLlm.Client.Testing;

namespace ChineseLlm.Samples;

/// <summary>How the simulated vendors answer in the offline demo: each in its own wire format, with plausible usage.</summary>
internal static partial class OfflineScript
{
    /// <summary>The placeholder credential each provider is enabled with offline (the simulator does not check values).</summary>
    public const string PlaceholderKey = "offline-simulator";

    /// <summary>The providers the simulator speaks, with the self-introduction each one gives.</summary>
    public static readonly (string Provider, string Intro, int Input, int Output, int Cached)[] Providers =
    [
        ("deepseek", "我是 DeepSeek（模拟）：擅长推理和写代码，价格很低。", 18, 21, 0),
        ("kimi", "我是 Kimi（模拟）：长上下文是我的强项。", 18, 16, 10),
        ("qwen", "我是通义千问（模拟）：阿里云的大模型，中文能力全面。", 18, 22, 0),
        ("ernie", "我是文心一言（模拟）：百度的知识增强大模型。", 18, 19, 0),
        ("doubao", "我是豆包（模拟）：字节跳动的大模型，响应快。", 18, 18, 0),
        ("hunyuan", "我是腾讯混元（模拟）：擅长中文创作与对话。", 18, 17, 0),
    ];

    private static readonly string[] SimulatedSections = ["DeepSeek", "Kimi", "Qwen", "Ernie", "Doubao", "Hunyuan"];

    /// <summary>The configuration that enables every simulated provider with <see cref="PlaceholderKey"/> (<c>ChineseLlm:Providers:&lt;Name&gt;:ApiKey</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> PlaceholderSettings() =>
        SimulatedSections.Select(name => KeyValuePair.Create($"ChineseLlm:Providers:{name}:ApiKey", (string?)PlaceholderKey));

    /// <summary>Scripts every simulated vendor.</summary>
    public static void Apply(ProviderSimulatorHandler simulator)
    {
        foreach (var (provider, intro, input, output, cached) in Providers)
        {
            simulator.SetReply(provider, request => Answer(request, intro, input, output, cached));
        }
    }

    /// <summary>Makes one vendor fail with a transient server error, as during an outage.</summary>
    public static void BreakVendor(ProviderSimulatorHandler simulator, string provider) =>
        simulator.SetFault(provider, SimulatedFault.Error(LlmErrorKind.ServerError));

    /// <summary>
    /// The weather tool as the caller advertised it: <c>get_weather</c>, or a prefixed name such as Semantic Kernel's
    /// <c>weather-get_weather</c> (plugin and function).
    /// </summary>
    private static string WeatherToolName(SimulatedRequest request) =>
        WeatherTool().Match(request.Body) is { Success: true } match ? match.Groups[1].Value : "get_weather";

    [GeneratedRegex("\"name\"\\s*:\\s*\"([A-Za-z0-9_.-]*get_weather)\"", RegexOptions.IgnoreCase)]
    private static partial Regex WeatherTool();

    private static SimulatedReply Answer(SimulatedRequest request, string intro, int input, int output, int cached)
    {
        var question = request.LastUserMessage ?? string.Empty;
        if (request.HasTools && !request.EndsWithToolResult)
        {
            return new SimulatedReply
            {
                Text = string.Empty,
                ToolCalls = [new SimulatedToolCall(WeatherToolName(request), "{\"city\": \"北京\"}")],
                InputTokens = 96,
                OutputTokens = 14,
                Latency = TimeSpan.FromMilliseconds(120),
            };
        }

        if (request.EndsWithToolResult)
        {
            return new SimulatedReply { Text = "北京今天晴，气温 25°C，适合出门散步。", InputTokens = 132, OutputTokens = 20, Latency = TimeSpan.FromMilliseconds(120) };
        }

        if (question.Contains('诗', StringComparison.Ordinal))
        {
            return new SimulatedReply
            {
                Text = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。",
                Reasoning = "用户想要一首关于月亮的诗，李白的《静夜思》最合适。",
                InputTokens = 20,
                OutputTokens = 48,
                ReasoningTokens = 16,
                StreamChunkLength = 2,
                EventInterval = TimeSpan.FromMilliseconds(60),
                Latency = TimeSpan.FromMilliseconds(150),
            };
        }

        return new SimulatedReply
        {
            Text = intro,
            InputTokens = input,
            OutputTokens = output,
            CachedInputTokens = cached,
            Latency = TimeSpan.FromMilliseconds(80),
        };
    }
}
