using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChineseLlm.Client.Testing;

/// <summary>
/// Builds requests the way each provider's documentation shows them, sends them through a simulator, and reads the answers.
/// </summary>
internal static class SimulatorCall
{
    public const string WeatherArguments = "{\"location\": \"北京\"}";

    public static readonly SimulatedProtocol[] AllProtocols = Enum.GetValues<SimulatedProtocol>();

    public static string DefaultModel(SimulatedProtocol protocol) => protocol switch
    {
        SimulatedProtocol.DeepSeek => "deepseek-v4-flash",
        SimulatedProtocol.Kimi => "kimi-k2.6",
        SimulatedProtocol.QwenNative or SimulatedProtocol.QwenCompatible => "qwen-plus",
        SimulatedProtocol.ErnieV2 => "ernie-4.5-turbo-128k",
        SimulatedProtocol.ErnieV1 => "completions_pro",
        SimulatedProtocol.Doubao => "doubao-seed-1-6-250615",
        SimulatedProtocol.Glm => "glm-5.1",
        SimulatedProtocol.Baichuan => "Baichuan4-Turbo",
        SimulatedProtocol.Yi => "yi-lightning",
        SimulatedProtocol.StepFun => "step-3.7-flash",
        SimulatedProtocol.Spark => "generalv3.5",
        SimulatedProtocol.MiniMax => "MiniMax-M2.7",
        SimulatedProtocol.Pangu => "pangu-nlp-n2-128k",
        _ => "hunyuan-turbos-latest",
    };

    /// <summary>A chat request in the protocol's documented shape, with credentials (ERNIE v1 gets a token from the simulator first).</summary>
    public static async Task<HttpRequestMessage> ChatRequestAsync(
        ProviderSimulatorHandler simulator,
        SimulatedProtocol protocol,
        bool stream = false,
        bool includeUsage = false,
        bool tools = false,
        string? model = null,
        string prompt = "你好",
        bool qwenTextFormat = false)
    {
        model ??= DefaultModel(protocol);
        var userMessage = protocol == SimulatedProtocol.HunyuanNative
            ? new JsonObject { ["Role"] = "user", ["Content"] = prompt }
            : new JsonObject { ["role"] = "user", ["content"] = prompt };
        var toolList = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = "get_weather",
                ["description"] = "天气",
                ["parameters"] = new JsonObject { ["type"] = "object" },
            },
        });

        JsonObject body;
        string url;
        switch (protocol)
        {
            case SimulatedProtocol.QwenNative:
                url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
                var parameters = new JsonObject { ["incremental_output"] = true };
                if (!qwenTextFormat)
                {
                    parameters["result_format"] = "message";
                }

                if (tools)
                {
                    parameters["tools"] = toolList;
                }

                body = new JsonObject { ["model"] = model, ["input"] = new JsonObject { ["messages"] = new JsonArray(userMessage) }, ["parameters"] = parameters };
                break;
            case SimulatedProtocol.ErnieV1:
                var token = await GetErnieTokenAsync(simulator);
                url = $"https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{model}?access_token={Uri.EscapeDataString(token)}";
                body = new JsonObject { ["messages"] = new JsonArray(userMessage), ["stream"] = stream };
                if (tools)
                {
                    body["functions"] = new JsonArray(new JsonObject { ["name"] = "get_weather", ["parameters"] = new JsonObject { ["type"] = "object" } });
                }

                break;
            case SimulatedProtocol.HunyuanNative:
                url = "https://hunyuan.tencentcloudapi.com/";
                body = new JsonObject { ["Model"] = model, ["Messages"] = new JsonArray(userMessage), ["Stream"] = stream };
                if (tools)
                {
                    body["Tools"] = new JsonArray(new JsonObject { ["Type"] = "function", ["Function"] = new JsonObject { ["Name"] = "get_weather", ["Parameters"] = "{\"type\":\"object\"}" } });
                }

                break;
            default:
                url = protocol switch
                {
                    SimulatedProtocol.DeepSeek => "https://api.deepseek.com/chat/completions",
                    SimulatedProtocol.Kimi => "https://api.moonshot.cn/v1/chat/completions",
                    SimulatedProtocol.QwenCompatible => "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",
                    SimulatedProtocol.ErnieV2 => "https://qianfan.baidubce.com/v2/chat/completions",
                    SimulatedProtocol.Doubao => "https://ark.cn-beijing.volces.com/api/v3/chat/completions",
                    SimulatedProtocol.Glm => "https://open.bigmodel.cn/api/paas/v4/chat/completions",
                    SimulatedProtocol.Baichuan => "https://api.baichuan-ai.com/v1/chat/completions",
                    SimulatedProtocol.Yi => "https://api.lingyiwanwu.com/v1/chat/completions",
                    SimulatedProtocol.StepFun => "https://api.stepfun.com/v1/chat/completions",
                    SimulatedProtocol.Spark => "https://spark-api-open.xf-yun.com/v1/chat/completions",
                    SimulatedProtocol.MiniMax => "https://api.minimaxi.com/v1/chat/completions",
                    SimulatedProtocol.Pangu => "https://pangu.cn-southwest-2.myhuaweicloud.com/api/v2/chat/completions",
                    _ => "https://api.hunyuan.cloud.tencent.com/v1/chat/completions",
                };
                body = new JsonObject { ["model"] = model, ["messages"] = new JsonArray(userMessage), ["stream"] = stream };
                if (stream && includeUsage)
                {
                    body["stream_options"] = new JsonObject { ["include_usage"] = true };
                }

                if (tools)
                {
                    body["tools"] = toolList;
                }

                break;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        switch (protocol)
        {
            case SimulatedProtocol.ErnieV1:
                break;
            case SimulatedProtocol.HunyuanNative:
                request.Headers.Add("X-TC-Action", "ChatCompletions");
                request.Headers.Add("X-TC-Version", "2023-09-01");
                request.Headers.Add("X-TC-Timestamp", "1763884800");
                request.Headers.TryAddWithoutValidation(
                    "Authorization",
                    "TC3-HMAC-SHA256 Credential=AKIDtest/2025-11-23/hunyuan/tc3_request, SignedHeaders=content-type;host, Signature=e39a3b651d19d7048e3491bb3ba18b238b9798b635d4e84b3008806d70a928a0");
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test-secret");
                break;
        }

        if (protocol == SimulatedProtocol.QwenNative && stream)
        {
            request.Headers.Add("X-DashScope-SSE", "enable");
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendChatAsync(
        ProviderSimulatorHandler simulator,
        SimulatedProtocol protocol,
        bool stream = false,
        bool includeUsage = false,
        bool tools = false,
        string? model = null,
        string prompt = "你好",
        bool qwenTextFormat = false,
        CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient(simulator, disposeHandler: false);
        var request = await ChatRequestAsync(simulator, protocol, stream, includeUsage, tools, model, prompt, qwenTextFormat);
        return await client.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    public static async Task<string> GetErnieTokenAsync(ProviderSimulatorHandler simulator)
    {
        using var client = new HttpClient(simulator, disposeHandler: false);
        using var response = await client.PostAsync(
            "https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials&client_id=ak-test&client_secret=sk-test", content: null);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Reads every SSE event of a response with <see cref="SseParser"/>, as the adapters do.</summary>
    public static async Task<List<SseItem<string>>> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<SseItem<string>>();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>The JSON documents of a stream's events, without the <c>[DONE]</c> sentinel.</summary>
    public static List<JsonElement> JsonEvents(IEnumerable<SseItem<string>> events) =>
        [.. events.Where(e => e.Data != "[DONE]").Select(e => JsonDocument.Parse(e.Data).RootElement.Clone())];

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse((await response.Content.ReadAsStringAsync()).TrimStart()).RootElement.Clone();

    public static string FixturePath(string relative) => Path.Combine(AppContext.BaseDirectory, "Payloads", relative);

    public static JsonElement ReadFixtureJson(string relative) =>
        JsonDocument.Parse(File.ReadAllText(FixturePath(relative)).TrimStart()).RootElement.Clone();

    public static List<SseItem<string>> ReadFixtureEvents(string relative)
    {
        using var stream = File.OpenRead(FixturePath(relative));
        return [.. SseParser.Create(stream).Enumerate()];
    }
}
