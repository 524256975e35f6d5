using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// The provider table every reliability suite runs over. Adding a provider to all of them is adding one entry here.
/// </summary>
public static class ProviderProfiles
{
    public static IReadOnlyList<ProviderProfile> All { get; } =
    [
        new()
        {
            Key = "deepseek",
            SectionName = "DeepSeek",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain-keepalive.sse",
            ChatText = "程序功能：输入两个整数，输出它们的和。",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-deepseek-SECRET-7d1e0c9b5a3f4e21" },
            NewOptions = () => new DeepSeekOptions { ApiKey = "sk-deepseek-SECRET-7d1e0c9b5a3f4e21" },
            Build = (o, http, time, logs) => new DeepSeekChatClient((DeepSeekOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("deepseek", "error-401-authentication-fails.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("deepseek", "stream-plain-keepalive.sse",
                """{"error":{"message":"Rate limit reached for requests","type":"rate_limit_error","param":null,"code":"rate_limit_error"}}"""),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("deepseek", "error-429-rate-limit.json"),
            RenderChat = text => OpenAiChatWithText("deepseek", "chat-plain.json", text),
        },
        new()
        {
            Key = "kimi",
            SectionName = "Kimi",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-include-usage.sse",
            ChatText = "1+1等于2",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-kimi-SECRET-0b8f6a2d4c9e1f37" },
            NewOptions = () => new KimiOptions { ApiKey = "sk-kimi-SECRET-0b8f6a2d4c9e1f37" },
            Build = (o, http, time, logs) => new KimiChatClient((KimiOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("kimi", "error-429-exceeded-current-quota.json"), LlmErrorKind.QuotaExceeded),
            ErrorEventInStream = (OpenAiStreamWithError("kimi", "stream-include-usage.sse",
                """{"error":{"message":"The engine is currently overloaded, please try again later","type":"engine_overloaded_error"}}"""),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("kimi", "error-429-rate-limit-reached.json"),
            QuotaExhausted429Body = Payload.Read("kimi", "error-429-exceeded-current-quota.json"),
            RenderChat = text => OpenAiChatWithText("kimi", "chat-plain.json", text),
        },
        new()
        {
            Key = "doubao",
            SectionName = "Doubao",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-thinking-include-usage.sse",
            ChatText = "人工智能",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "ark-doubao-SECRET-3e5a7c9b1d2f4a6c" },
            NewOptions = () => new DoubaoOptions { ApiKey = "ark-doubao-SECRET-3e5a7c9b1d2f4a6c" },
            Build = (o, http, time, logs) => new DoubaoChatClient((DoubaoOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("doubao", "error-401-authentication.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (Payload.Read("doubao", "stream-error-midstream.sse"), LlmErrorKind.ServerError),
            RateLimitBody = Payload.Read("doubao", "error-429-endpoint-rpm.json"),
            QuotaExhausted429Body = Payload.Read("doubao", "error-429-quota-exceeded.json"),
            RenderChat = text => OpenAiChatWithText("doubao", "chat-plain.json", text),
        },
        new()
        {
            Key = "glm",
            SectionName = "Glm",
            EndpointSuffix = "/api/paas/v4",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "GLM大语言模型",
            // An id.secret key: the client signs JWTs with the secret part, which must never leave it.
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "glmkeyid7c1e.SECRETglm9a8b7c6d5e4f3a2b" },
            NewOptions = () => new GlmOptions { ApiKey = "glmkeyid7c1e.SECRETglm9a8b7c6d5e4f3a2b" },
            ExtraSecrets = ["SECRETglm9a8b7c6d5e4f3a2b"],
            HeldAsText = [], // signs JWTs: the secret is HMAC key material only
            Build = (o, http, time, logs) => new GlmChatClient((GlmOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("glm", "error-400-1301-sensitive.json"), LlmErrorKind.ContentFiltered),
            ErrorEventInStream = (OpenAiStreamWithError("glm", "stream-plain.sse", Payload.Read("glm", "error-429-1302-rate-limit.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("glm", "error-429-1302-rate-limit.json"),
            QuotaExhausted429Body = Payload.Read("glm", "error-429-1113-insufficient-balance.json"),
            RenderChat = text => OpenAiChatWithText("glm", "chat-plain.json", text),
        },
        new()
        {
            Key = "hunyuan",
            SectionName = "Hunyuan",
            ChatFixture = "native-chat.json",
            IsResponseFixture = name => name.StartsWith("native-", StringComparison.Ordinal),
            StreamFixture = "native-stream.sse",
            ChatText = "很高兴为您提供帮助",
            // Native API 3.0: SecretId + SecretKey sign every request (TC3-HMAC-SHA256).
            Credentials = new Dictionary<string, string>
            {
                ["SecretId"] = "AKIDhunyuanSECRETid5b4a3c2d1e0f",
                ["SecretKey"] = "hunyuanSECRETkey8f7e6d5c4b3a2910",
            },
            NewOptions = () => new HunyuanOptions { SecretId = "AKIDhunyuanSECRETid5b4a3c2d1e0f", SecretKey = "hunyuanSECRETkey8f7e6d5c4b3a2910" },
            HeldAsText = ["AKIDhunyuanSECRETid5b4a3c2d1e0f"], // the SecretId is sent in the Authorization header; the SecretKey only signs
            Build = (o, http, time, logs) => new HunyuanChatClient((HunyuanOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("hunyuan", "native-error-limit-exceeded.json"), LlmErrorKind.RateLimited),
            ErrorEventInStream = (Payload.Read("hunyuan", "native-stream-error-midstream.sse"), LlmErrorKind.Timeout),
            RateLimitBody = Payload.Read("hunyuan", "native-error-limit-exceeded.json"),
            RenderChat = text => WithText("hunyuan", "native-chat.json", text, n => n["Response"]!["Choices"]![0]!["Message"]!),
        },
        new()
        {
            Key = "hunyuan",
            Id = "hunyuan-compat",
            SectionName = "Hunyuan",
            ChatFixture = "compat-chat.json",
            IsResponseFixture = name => name.StartsWith("compat-", StringComparison.Ordinal),
            StreamFixture = "compat-stream.sse",
            ChatText = "有什么我可以帮你的吗",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-hunyuan-SECRET-6a5b4c3d2e1f0a9b" },
            NewOptions = () => new HunyuanOptions { ApiKey = "sk-hunyuan-SECRET-6a5b4c3d2e1f0a9b" },
            Build = (o, http, time, logs) => new HunyuanChatClient((HunyuanOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("hunyuan", "compat-error-401-invalid-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("hunyuan", "compat-stream.sse",
                """{"error":{"message":"server busy","type":"server_error","code":"server_error"}}"""), LlmErrorKind.ServerError),
            // No published compat 429 body: the OpenAI shape Hunyuan's compatible mode uses for its other errors.
            RateLimitBody = """{"error":{"message":"Rate limit reached, please retry later","type":"rate_limit_error","code":"rate_limit_exceeded"}}""",
            RenderChat = text => OpenAiChatWithText("hunyuan", "compat-chat.json", text),
        },
        new()
        {
            Key = "spark",
            SectionName = "Spark",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "讯飞星火认知大模型",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sparkAPIpasswordSECRET4d3c2b1a0f9e" },
            NewOptions = () => new SparkOptions { ApiKey = "sparkAPIpasswordSECRET4d3c2b1a0f9e" },
            Build = (o, http, time, logs) => new SparkChatClient((SparkOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("spark", "error-200-11202-qps-limit.json"), LlmErrorKind.RateLimited),
            ErrorEventInStream = (Payload.Read("spark", "stream-error-10014-output-moderation.sse"), LlmErrorKind.ContentFiltered),
            // Spark reports rate limits inside HTTP 200 (code 11202); a gateway 429 carries the same body.
            RateLimitBody = Payload.Read("spark", "error-200-11202-qps-limit.json"),
            RenderChat = text => OpenAiChatWithText("spark", "chat-plain.json", text),
        },
        new()
        {
            Key = "baichuan",
            SectionName = "Baichuan",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "珠穆朗玛峰",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-baichuan-SECRET-2c4e6a8b0d1f3e5a" },
            NewOptions = () => new BaichuanOptions { ApiKey = "sk-baichuan-SECRET-2c4e6a8b0d1f3e5a" },
            Build = (o, http, time, logs) => new BaichuanChatClient((BaichuanOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("baichuan", "error-401-invalid-api-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("baichuan", "stream-plain.sse", Payload.Read("baichuan", "error-429-rate-limit.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("baichuan", "error-429-rate-limit.json"),
            QuotaExhausted429Body = Payload.Read("baichuan", "error-429-insufficient-quota.json"),
            RenderChat = text => OpenAiChatWithText("baichuan", "chat-plain.json", text),
        },
        new()
        {
            Key = "yi",
            SectionName = "Yi",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "零一万物",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "yi-key-SECRET-8e6c4a2f0d9b7e5c" },
            NewOptions = () => new YiOptions { ApiKey = "yi-key-SECRET-8e6c4a2f0d9b7e5c" },
            Build = (o, http, time, logs) => new YiChatClient((YiOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("yi", "error-401-invalid-api-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("yi", "stream-plain.sse", Payload.Read("yi", "error-429-rate-limit.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("yi", "error-429-rate-limit.json"),
            QuotaExhausted429Body = Payload.Read("yi", "error-429-insufficient-quota.json"),
            RenderChat = text => OpenAiChatWithText("yi", "chat-plain.json", text),
        },
        new()
        {
            Key = "stepfun",
            SectionName = "StepFun",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "阶跃星辰",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "step-key-SECRET-3f9a1c7e5b2d8046" },
            NewOptions = () => new StepFunOptions { ApiKey = "step-key-SECRET-3f9a1c7e5b2d8046" },
            Build = (o, http, time, logs) => OpenAiCompatible.OpenAiCompatibleChatClientFactory.Create(
                Providers.StepFun.StepFunDialect.Instance, o, authenticator: null, Http.ProviderServices.From(http, TestServices.Of(time, logs))),
            ErrorInOkBody = (Payload.Read("stepfun", "error-401-invalid-api-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("stepfun", "stream-plain.sse", Payload.Read("stepfun", "error-429-rate-limit.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("stepfun", "error-429-rate-limit.json"),
            RenderChat = text => OpenAiChatWithText("stepfun", "chat-plain.json", text),
        },
        new()
        {
            Key = "ernie",
            SectionName = "Ernie",
            EndpointSuffix = "/v2",
            ChatFixture = "v2-chat.json",
            StreamFixture = "v2-stream-usage.sse",
            ChatText = "很高兴和你交流",
            IsResponseFixture = name => name.StartsWith("v2-", StringComparison.Ordinal),
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "bce-v3/ALTAK-ernieSECRETv2/4f3e2d1c0b9a8f7e" },
            NewOptions = () => new ErnieOptions { ApiKey = "bce-v3/ALTAK-ernieSECRETv2/4f3e2d1c0b9a8f7e" },
            Build = (o, http, time, logs) => new ErnieChatClient((ErnieOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("ernie", "v2-error-401-invalid-iam-token.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("ernie", "v2-stream-usage.sse", Payload.Read("ernie", "v2-error-500-internal.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.ServerError),
            RateLimitBody = Payload.Read("ernie", "v2-error-429-rpm.json"),
            RenderChat = text => OpenAiChatWithText("ernie", "v2-chat.json", text),
        },
        new()
        {
            Key = "ernie",
            Id = "ernie-v1",
            SectionName = "Ernie",
            ChatFixture = "v1-chat.json",
            StreamFixture = "v1-stream.sse",
            StreamTextField = "result",
            ChatText = "无论你有什么问题或需要帮助",
            IsResponseFixture = name => name.StartsWith("v1-", StringComparison.Ordinal) && !name.StartsWith("v1-oauth", StringComparison.Ordinal),
            // Legacy v1: API key + secret key are exchanged for an OAuth access token, sent in the query string.
            Credentials = new Dictionary<string, string>
            {
                ["ApiKey"] = "ernieV1clientIdSECRET7a6b5c4d",
                ["SecretKey"] = "ernieV1clientSECRETkey3e2f1a0b",
            },
            NewOptions = () => new ErnieOptions { ApiKey = "ernieV1clientIdSECRET7a6b5c4d", SecretKey = "ernieV1clientSECRETkey3e2f1a0b", DefaultModel = "ernie-speed-128k" },
            ExtraSecrets = ["24.6c5e1ff107f0e8bcef8c46d3424a0e78.2592000.1485516651.282335-8574074"], // the access token the side endpoint issues
            HeldAsText = ["ernieV1clientIdSECRET7a6b5c4d", "ernieV1clientSECRETkey3e2f1a0b"], // form-encoded into each token request
            SideEndpoint = ("/oauth/2.0/token", Payload.Read("ernie", "v1-oauth-token.json"), []),
            ServerSettings = server => new Dictionary<string, string> { ["TokenEndpoint"] = server.ToString(), ["DefaultModel"] = "ernie-speed-128k" },
            PointAtServer = (o, server) => ((ErnieOptions)o).TokenEndpoint = server,
            Build = (o, http, time, logs) => new ErnieChatClient((ErnieOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("ernie", "v1-error-17-daily-limit.json"), LlmErrorKind.QuotaExceeded),
            ErrorEventInStream = (string.Concat(FaultResponses.SplitEvents(Payload.Read("ernie", "v1-stream.sse")).Take(1))
                + "data: " + Payload.Read("ernie", "v1-error-336100-high-load.json").Trim() + "\n\n", LlmErrorKind.ServerError),
            RateLimitBody = Payload.Read("ernie", "v1-error-18-qps-limit.json"),
            RenderChat = text => WithText("ernie", "v1-chat.json", text, n => n, "result"),
        },
        new()
        {
            Key = "qwen",
            SectionName = "Qwen",
            EndpointSuffix = "/api/v1",
            ChatFixture = "native-chat.json",
            StreamFixture = "native-stream.sse",
            ChatText = "1+1 等于 2",
            IsResponseFixture = name => name.StartsWith("native-", StringComparison.Ordinal),
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-qwen-SECRET-5e4d3c2b1a0f9e8d" },
            NewOptions = () => new QwenOptions { ApiKey = "sk-qwen-SECRET-5e4d3c2b1a0f9e8d" },
            Build = (o, http, time, logs) => new QwenChatClient((QwenOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("qwen", "native-error-401-invalid-api-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (string.Concat(FaultResponses.SplitEvents(Payload.Read("qwen", "native-stream.sse")).Take(1))
                + string.Concat(FaultResponses.SplitEvents(Payload.Read("qwen", "native-stream-error-429.sse"))), LlmErrorKind.RateLimited),
            RateLimitBody = Payload.Read("qwen", "native-error-429-rate-quota.json"),
            QuotaExhausted429Body = Payload.Read("qwen", "native-error-429-free-quota-exhausted.json"),
            RenderChat = text => WithText("qwen", "native-chat.json", text, n => n["output"]!["choices"]![0]!["message"]!, "content"),
        },
        new()
        {
            Key = "qwen",
            Id = "qwen-compat",
            SectionName = "Qwen",
            EndpointSuffix = "/compatible-mode/v1",
            ChatFixture = "compat-chat.json",
            StreamFixture = "compat-stream-usage.sse",
            ChatText = "我叫通义千问",
            IsResponseFixture = name => name.StartsWith("compat-", StringComparison.Ordinal),
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "sk-qwencompat-SECRET-9d8c7b6a5f4e" },
            NewOptions = () => new QwenOptions { ApiKey = "sk-qwencompat-SECRET-9d8c7b6a5f4e", Protocol = QwenProtocol.OpenAiCompatible },
            ServerSettings = _ => new Dictionary<string, string> { ["Protocol"] = "OpenAiCompatible" },
            Build = (o, http, time, logs) => new QwenChatClient((QwenOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("qwen", "compat-error-401-invalid-api-key.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("qwen", "compat-stream-usage.sse", Payload.Read("qwen", "compat-error-400-data-inspection.json").ReplaceLineEndings(string.Empty)),
                LlmErrorKind.ContentFiltered),
            RateLimitBody = Payload.Read("qwen", "compat-error-429-insufficient-quota.json"), // DashScope's 'insufficient_quota' is its allocation (rate) quota
            RenderChat = text => OpenAiChatWithText("qwen", "compat-chat.json", text),
        },
        new()
        {
            Key = "minimax",
            SectionName = "MiniMax",
            EndpointSuffix = "/v1",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-reasoning-details.sse",
            ChatText = "How can I assist you",
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "eyJminimaxSECRETkey.1a2b3c4d5e6f7a8b" },
            NewOptions = () => new MiniMaxOptions { ApiKey = "eyJminimaxSECRETkey.1a2b3c4d5e6f7a8b" },
            Build = (o, http, time, logs) => new MiniMaxChatClient((MiniMaxOptions)o, http, TestServices.Of(time, logs)),
            ErrorInOkBody = (Payload.Read("minimax", "error-200-1004-auth-failed.json"), LlmErrorKind.Authentication),
            ErrorEventInStream = (string.Concat(FaultResponses.SplitEvents(Payload.Read("minimax", "stream-reasoning-details.sse")).Take(2))
                + string.Concat(FaultResponses.SplitEvents(Payload.Read("minimax", "stream-error-2056.sse"))), LlmErrorKind.QuotaExceeded),
            RateLimitBody = Payload.Read("minimax", "error-200-1002-rate-limit.json"),
            RenderChat = text => OpenAiChatWithText("minimax", "chat-plain.json", text),
        },
        new()
        {
            Key = "pangu",
            SectionName = "Pangu",
            EndpointSuffix = "/api/v2",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "有什么我可以帮助你的吗",
            IsResponseFixture = name => name.EndsWith(".sse", StringComparison.Ordinal) || (name.EndsWith(".json", StringComparison.Ordinal) && !name.StartsWith("iam-", StringComparison.Ordinal)),
            Credentials = new Dictionary<string, string> { ["ApiKey"] = "pangu-appcode-SECRET-7f6e5d4c3b2a" },
            NewOptions = () => new PanguOptions { ApiKey = "pangu-appcode-SECRET-7f6e5d4c3b2a" },
            Build = (o, http, time, logs) => new PanguChatClient((PanguOptions)o, http, TestServices.Of(time, logs)),
            // Huawei documents errors with HTTP statuses only; inside 200 the deployments' OpenAI-style envelope is what can come.
            ErrorInOkBody = ("""{"error":{"code":"PANGU.0011","message":"Authentication failed."}}""", LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("pangu", "stream-plain.sse", """{"error":{"code":"PANGU.0001","message":"Unknown error"}}"""),
                LlmErrorKind.ServerError),
            RateLimitBody = Payload.Read("pangu", "error-429-apig-0308-throttled.json"),
            RenderChat = text => OpenAiChatWithText("pangu", "chat-plain.json", text),
        },
        new()
        {
            Key = "pangu",
            Id = "pangu-iam",
            SectionName = "Pangu",
            EndpointSuffix = "/api/v2",
            ChatFixture = "chat-plain.json",
            StreamFixture = "stream-plain.sse",
            ChatText = "有什么我可以帮助你的吗",
            IsResponseFixture = name => name.EndsWith(".sse", StringComparison.Ordinal) || (name.EndsWith(".json", StringComparison.Ordinal) && !name.StartsWith("iam-", StringComparison.Ordinal)),
            // IAM password login: user + password + domain are exchanged for an X-Subject-Token sent as X-Auth-Token.
            Credentials = new Dictionary<string, string> { ["IamPassword"] = "pangu-iam-PASSWORD-SECRET-0c9b8a7f" },
            NewOptions = () => new PanguOptions { IamUserName = "pangu-user", IamPassword = "pangu-iam-PASSWORD-SECRET-0c9b8a7f", IamDomainName = "my-account" },
            ServerSettings = server => new Dictionary<string, string>
            {
                ["IamUserName"] = "pangu-user",
                ["IamDomainName"] = "my-account",
                ["IamEndpoint"] = server.ToString(),
            },
            PointAtServer = (o, server) => ((PanguOptions)o).IamEndpoint = server,
            ExtraSecrets = ["MIIt-pangu-SECRET-subject-token-4b3a2f1e0d"],
            HeldAsText = ["pangu-iam-PASSWORD-SECRET-0c9b8a7f"], // JSON-encoded into each token request
            SideEndpoint = ("/v3/auth/tokens", """{"token":{"expires_at":"2099-01-01T00:00:00.000000Z","methods":["password"]}}""",
                [("X-Subject-Token", "MIIt-pangu-SECRET-subject-token-4b3a2f1e0d")]),
            Build = (o, http, time, logs) => new PanguChatClient((PanguOptions)o, http, TestServices.Of(time, logs)),
            // Huawei documents errors with HTTP statuses only; inside 200 the deployments' OpenAI-style envelope is what can come.
            ErrorInOkBody = ("""{"error":{"code":"PANGU.0011","message":"Authentication failed."}}""", LlmErrorKind.Authentication),
            ErrorEventInStream = (OpenAiStreamWithError("pangu", "stream-plain.sse", """{"error":{"code":"PANGU.0001","message":"Unknown error"}}"""),
                LlmErrorKind.ServerError),
            RateLimitBody = Payload.Read("pangu", "error-429-apig-0308-throttled.json"),
            RenderChat = text => OpenAiChatWithText("pangu", "chat-plain.json", text),
        },
    ];

    /// <summary>The profile ids, for <c>[MemberData]</c> (test names then show the provider and protocol).</summary>
    public static TheoryData<string> Keys => [.. All.Select(p => p.Id)];

    /// <summary>The ids of profiles whose vendor reports an exhausted balance as HTTP 429.</summary>
    public static TheoryData<string> KeysWithQuota429 => [.. All.Where(p => p.QuotaExhausted429Body is not null).Select(p => p.Id)];

    public static ProviderProfile Get(string id) => All.Single(p => p.Id == id);

    /// <summary>The first data events of an OpenAI-dialect stream fixture, then <paramref name="errorJson"/> as a data event.</summary>
    private static string OpenAiStreamWithError(string folder, string file, string errorJson)
    {
        var events = FaultResponses.SplitEvents(Payload.Read(folder, file));
        var withContent = events.TakeWhile(e => !e.Contains("\"content\":\"", StringComparison.Ordinal) || e.Contains("\"content\":\"\"", StringComparison.Ordinal)).Count() + 1;
        return string.Concat(events.Take(withContent)) + "data: " + errorJson + "\n\n";
    }

    /// <summary>An OpenAI-dialect chat fixture with its answer replaced by <paramref name="text"/>.</summary>
    private static string OpenAiChatWithText(string folder, string file, string text) =>
        WithText(folder, file, text, n => n["choices"]![0]!["message"]!, "content");

    /// <summary>A chat fixture with the answer field of the message <paramref name="message"/> selects replaced by <paramref name="text"/>.</summary>
    private static string WithText(string folder, string file, string text, Func<JsonNode, JsonNode> message, string field = "Content")
    {
        var node = JsonNode.Parse(Payload.Read(folder, file).Trim())!;
        message(node)[field] = text;
        return node.ToJsonString();
    }
}
