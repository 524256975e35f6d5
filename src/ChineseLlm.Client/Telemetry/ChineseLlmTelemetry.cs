namespace ChineseLlm.Client;

/// <summary>
/// The names under which ChineseLlm.Client publishes its traces and metrics, for OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>.
/// </summary>
/// <remarks>
/// <para>Spans follow the OpenTelemetry semantic conventions for generative AI: one <c>chat {model}</c> client span
/// per provider call with <c>gen_ai.operation.name</c>, <c>gen_ai.provider.name</c> (the provider key, such as
/// <c>deepseek</c>), <c>gen_ai.request.model</c>, <c>gen_ai.response.model</c>, <c>gen_ai.response.id</c>,
/// <c>gen_ai.usage.input_tokens</c>, <c>gen_ai.usage.output_tokens</c> and <c>error.type</c>, plus
/// <c>chinesellm.cost</c> (CNY) and <c>chinesellm.request_id</c>.</para>
/// <para>Metrics: the <c>gen_ai.client.token.usage</c> and <c>gen_ai.client.operation.duration</c> histograms and the
/// <c>chinesellm.cost</c> counter (unit <c>{CNY}</c>). No span, tag, metric or log carries a credential, a signed URL
/// or message content.</para>
/// </remarks>
public static class ChineseLlmTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of ChineseLlm.Client.</summary>
    public const string SourceName = "ChineseLlm.Client";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of ChineseLlm.Client.</summary>
    public const string MeterName = "ChineseLlm.Client";
}
