using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace ChineseLlm.Samples.SemanticKernel;

/// <summary>A Semantic Kernel plugin the model may call: today's weather for a city (canned, offline).</summary>
internal sealed class WeatherPlugin
{
    [KernelFunction("get_weather")]
    [Description("查询城市今天的天气")]
    public static string GetWeather([Description("城市名，例如 北京")] string city)
    {
        Console.WriteLine($"  → weather.get_weather(city: {city}) called by the model");
        return $"{city}：晴，25°C";
    }
}
