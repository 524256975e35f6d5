using System.Globalization;
using System.Text.RegularExpressions;

namespace ChineseLlm.Client.Samples;

/// <summary>
/// samples/ChineseLlm.Samples.SemanticKernel offline: the router as Semantic Kernel's chat service, the model (simulated)
/// calls the plugin through automatic function calling, and the sample prints the answer and its cost in CNY.
/// </summary>
public sealed partial class SemanticKernelSampleTests
{
    [Fact]
    public async Task Run_WithoutKeys_CallsThePluginAndPrintsTheAnswerAndItsCost()
    {
        var (exitCode, output) = await SampleProcess.RunAsync("ChineseLlm.Samples.SemanticKernel", TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"the sample exited with {exitCode}:\n{output}");
        Assert.Contains("Offline", output, StringComparison.Ordinal);
        Assert.Contains("weather.get_weather(city: 北京) called by the model", output, StringComparison.Ordinal); // SK ran the plugin
        Assert.Contains("Answer: 北京今天晴，气温 25°C，适合出门散步。", output, StringComparison.Ordinal); // the answer after the tool result
        var cost = CostLine().Match(output);
        Assert.True(cost.Success, output);
        Assert.True(decimal.Parse(cost.Groups["cost"].Value, CultureInfo.InvariantCulture) > 0m, output);
        Assert.Equal("2", cost.Groups["calls"].Value); // the tool-call round trip and the answer
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Cost: (?<cost>\d+\.\d{6}) CNY over (?<calls>\d+) routed calls \(last answered by [a-z]+/[^)]+\)")]
    private static partial Regex CostLine();
}
