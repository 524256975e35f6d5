using ChineseLlm.Client.Http;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The capability walk: every catalog row against every protocol its provider can be configured with. A row may claim
/// Tools, Vision or Json only when each of its provider's protocols sends it (the declarations live with the protocols:
/// the OpenAI-dialect dialects, Hunyuan native, Qwen native, ERNIE v1).
/// </summary>
public sealed class CatalogCapabilityWalkTests
{
    /// <summary>Every protocol of every provider, built as a user would configure it.</summary>
    private static IEnumerable<(string Provider, IChatClient Client)> Protocols()
    {
        yield return ("deepseek", new DeepSeekChatClient(new DeepSeekOptions { ApiKey = "sk-test" }));
        yield return ("kimi", new KimiChatClient(new KimiOptions { ApiKey = "sk-test" }));
        yield return ("doubao", new DoubaoChatClient(new DoubaoOptions { ApiKey = "ark-test" }));
        yield return ("glm", new GlmChatClient(new GlmOptions { ApiKey = "0123456789abcdef.secretpart0123456789" }));
        yield return ("baichuan", new BaichuanChatClient(new BaichuanOptions { ApiKey = "sk-test" }));
        yield return ("yi", new YiChatClient(new YiOptions { ApiKey = "sk-test" }));
        yield return ("stepfun", OpenAiCompatible.OpenAiCompatibleChatClientFactory.Create(
            Providers.StepFun.StepFunDialect.Instance, new StepFunOptions { ApiKey = "sk-test" }, authenticator: null, Http.ProviderServices.From(httpClient: null, services: null)));
        yield return ("spark", new SparkChatClient(new SparkOptions { ApiKey = "sk-test" }));
        yield return ("minimax", new MiniMaxChatClient(new MiniMaxOptions { ApiKey = "sk-test" }));
        yield return ("pangu", new PanguChatClient(new PanguOptions { ApiKey = "sk-test", Endpoint = new Uri("https://pangu.cn-southwest-2.myhuaweicloud.com/v1") }));
        yield return ("hunyuan", new HunyuanChatClient(new HunyuanOptions { ApiKey = "sk-test" })); // OpenAI-compatible endpoint
        yield return ("hunyuan", new HunyuanChatClient(new HunyuanOptions { SecretId = "AKIDtest", SecretKey = "secret-test" })); // native (TC3)
        yield return ("qwen", new QwenChatClient(new QwenOptions { ApiKey = "sk-test", Protocol = QwenProtocol.Native }));
        yield return ("qwen", new QwenChatClient(new QwenOptions { ApiKey = "sk-test", Protocol = QwenProtocol.OpenAiCompatible }));
        yield return ("ernie", new ErnieChatClient(new ErnieOptions { ApiKey = "bce-v3/ALTAK-test/secret" })); // v2
        yield return ("ernie", new ErnieChatClient(new ErnieOptions { ApiKey = "api-key-test", SecretKey = "secret-key-test" })); // v1
    }

    [Fact]
    public void EveryCatalogRow_ClaimsOnlyWhatEachOfItsProvidersProtocolsSends()
    {
        var protocols = Protocols().Select(p => (p.Provider, Capabilities: ProtocolCapabilities.Of(p.Client))).ToList();
        var problems = new List<string>();
        foreach (var card in ModelCatalog.Embedded.Models)
        {
            var own = protocols.Where(p => p.Provider == card.Provider).ToList();
            if (own.Count == 0)
            {
                problems.Add($"{card}: no protocol of provider '{card.Provider}' is walked");
                continue;
            }

            foreach (var (_, capabilities) in own)
            {
                if (capabilities.Drops(card.CapabilityFlags) is var dropped && dropped != ModelCapabilities.None)
                {
                    problems.Add($"{card} claims {dropped}, which the {capabilities.Protocol} protocol does not send");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryProtocol_DeclaresItsCapabilities()
    {
        foreach (var (provider, client) in Protocols())
        {
            Assert.NotSame(ProtocolCapabilities.Undeclared, ProtocolCapabilities.Of(client));
            Assert.True(ProtocolCapabilities.Of(client).Sends.HasFlag(ModelCapabilities.Tools), provider);
        }
    }

    [Fact]
    public void Declarations_SayWhatTheProtocolsDrop()
    {
        var deepseek = ProtocolCapabilities.Of(new DeepSeekChatClient(new DeepSeekOptions { ApiKey = "sk-test" }));
        var hunyuanNative = ProtocolCapabilities.Of(new HunyuanChatClient(new HunyuanOptions { SecretId = "AKIDtest", SecretKey = "secret-test" }));
        var hunyuanCompatible = ProtocolCapabilities.Of(new HunyuanChatClient(new HunyuanOptions { ApiKey = "sk-test" }));
        var ernieV1 = ProtocolCapabilities.Of(new ErnieChatClient(new ErnieOptions { ApiKey = "api-key-test", SecretKey = "secret-key-test" }));

        Assert.Equal(ModelCapabilities.Vision, deepseek.Drops(ModelCapabilities.Vision | ModelCapabilities.Json | ModelCapabilities.Tools)); // string content only
        Assert.False(deepseek.SendsJsonSchema); // json_schema is sent as json_object
        Assert.Equal(ModelCapabilities.Json, hunyuanNative.Drops(ModelCapabilities.Json)); // no response_format in the native API
        Assert.Equal(ModelCapabilities.None, hunyuanCompatible.Drops(ModelCapabilities.Json | ModelCapabilities.Vision));
        Assert.Equal(ModelCapabilities.Vision, ernieV1.Drops(ModelCapabilities.Vision));
    }

    [Fact]
    public void Declaration_IsFoundThroughMiddleware()
    {
        var inner = new HunyuanChatClient(new HunyuanOptions { SecretId = "AKIDtest", SecretKey = "secret-test" });
        using var wrapped = new ChatClientBuilder(inner).UseLogging(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).UseOpenTelemetry().Build();

        Assert.Equal("Hunyuan native", ProtocolCapabilities.Of(wrapped).Protocol);
    }
}
