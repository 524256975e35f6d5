namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Attribute, instrument and event names: the OpenTelemetry GenAI semantic conventions (as Microsoft.Extensions.AI's
/// <c>OpenTelemetryChatClient</c> emits them) and this library's own <c>chinesellm.*</c> additions.
/// </summary>
internal static class TelemetryTags
{
    public const string ChatOperation = "chat";

    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestStream = "gen_ai.request.stream";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string TokenTypeInput = "input";
    public const string TokenTypeOutput = "output";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string HttpStatusCode = "http.response.status_code";

    public const string Cost = "chinesellm.cost";
    public const string RequestId = "chinesellm.request_id";
    public const string ErrorCode = "chinesellm.error.code";
    public const string EstimatedCost = "chinesellm.cost.estimated";
    public const string RoutingTier = "chinesellm.routing.tier";
    public const string RoutingPinnedModel = "chinesellm.routing.pinned_model";
    public const string RoutingAttempts = "chinesellm.routing.attempts";
    public const string RoutingEstimatedInputTokens = "chinesellm.routing.estimated_input_tokens";
    public const string RoutingEstimatedOutputTokens = "chinesellm.routing.estimated_output_tokens";
    public const string RoutingSkipReason = "chinesellm.routing.skip_reason";
    public const string RoutingSkipDetail = "chinesellm.routing.skip_detail";
    public const string RoutingOutcome = "chinesellm.routing.outcome";
    public const string RoutingDurationSeconds = "chinesellm.routing.duration";

    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string CostMetric = "chinesellm.cost";
}
