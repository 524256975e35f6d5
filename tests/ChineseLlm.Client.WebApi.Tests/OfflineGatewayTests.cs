using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenAI.Chat;

namespace ChineseLlm.Samples.WebApi;

/// <summary>
/// A fresh clone, no keys: the gateway runs offline on the provider simulator (as the console demo does), says so at
/// start-up, and answers the README's curl and OpenAI SDK calls. Nothing reaches the network.
/// </summary>
public sealed class OfflineGatewayTests
{
    private const string ReadmeCurlBody = """{"model":"auto","tier":"advanced","messages":[{"role":"user","content":"用一句话介绍你自己"}]}""";

    [Fact]
    public async Task NoKeys_StartsOfflineAndSaysSo()
    {
        var logs = new FakeLogCollector();
        using var app = Offline(logs);

        using var http = app.CreateClient();
        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("/v1/chat/completions", home, StringComparison.Ordinal);
        var line = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "GatewayOffline");
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("Offline", line.Message, StringComparison.Ordinal);
        Assert.Contains("deepseek", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Name == "GatewayOnline");
    }

    [Fact]
    public async Task NoKeys_ReadmeCurl_AnswersFromTheSimulatorWithCostInReadableJson()
    {
        using var app = Offline();
        using var http = app.CreateClient();

        using var content = new StringContent(ReadmeCurlBody, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("（模拟）", body, StringComparison.Ordinal); // Chinese as itself, not \uXXXX
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var info = json.RootElement.GetProperty("chinesellm");
        Assert.Contains(info.GetProperty("provider").GetString(), new[] { "deepseek", "kimi", "qwen", "ernie", "doubao", "hunyuan" });
        Assert.True(info.GetProperty("cost").GetDecimal() > 0m, body);
        Assert.Contains("（模拟）", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeys_ReadmeOpenAiSdkCall_Answers()
    {
        using var app = Offline();
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is how the SDK sends fields it does not model
        options.Patch.Set("$.tier"u8, "advanced");
#pragma warning restore SCME0001

        ClientResult<ChatCompletion> answer = await app.Chat("auto").CompleteChatAsync([new UserChatMessage("你好")], options);

        Assert.Contains("（模拟）", Assert.Single(answer.Value.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeys_Models_ListsTheSimulatedProvidersModels()
    {
        using var app = Offline();
        using var http = app.CreateClient();

        var body = await http.GetStringAsync(new Uri("/v1/models", UriKind.Relative));

        using var json = JsonDocument.Parse(body);
        var owners = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("owned_by").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "deepseek", "kimi", "qwen", "ernie", "doubao", "hunyuan" }, owners);
    }

    private static GatewayFactory Offline(FakeLogCollector? logs = null) =>
        new(deepSeek: null, kimi: null, time: null, services: logs is null ? null : s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
}
