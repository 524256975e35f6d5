using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// The activity source, the instruments and the price list that <see cref="TelemetryChatClient"/> records with.
/// One per service provider (its meter comes from the container's <see cref="IMeterFactory"/>), and a shared
/// <see cref="Default"/> for clients built without dependency injection.
/// </summary>
/// <remarks>Thread-safe. Instruments cost nothing while no listener is attached.</remarks>
internal sealed class ChatInstrumentation
{
    /// <summary>Bucket boundaries the GenAI conventions give for <c>gen_ai.client.token.usage</c>.</summary>
    private static readonly int[] s_tokenBuckets = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864];

    /// <summary>Bucket boundaries the GenAI conventions give for <c>gen_ai.client.operation.duration</c> (seconds).</summary>
    private static readonly double[] s_durationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    private static readonly string? s_version = typeof(ChatInstrumentation).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private static readonly Lazy<ChatInstrumentation> s_default = new(() => new ChatInstrumentation(meterFactory: null, catalog: null));

    private readonly Func<ModelCatalog> _catalog;

    /// <summary>Initializes a new instance of the <see cref="ChatInstrumentation"/> class.</summary>
    /// <param name="meterFactory">The container's meter factory, or <see langword="null"/> for a process-wide meter.</param>
    /// <param name="catalog">Returns the current model catalog used to price calls; <see langword="null"/> for the embedded one.</param>
    public ChatInstrumentation(IMeterFactory? meterFactory, Func<ModelCatalog>? catalog)
    {
        var options = new MeterOptions(ChineseLlmTelemetry.MeterName) { Version = s_version };
        Meter = meterFactory?.Create(options) ?? new Meter(options);
        _catalog = catalog ?? (static () => ModelCatalog.Embedded);

        TokenUsage = Histogram(TelemetryTags.TokenUsageMetric, "{token}", "Measures number of input and output tokens used", s_tokenBuckets);
        OperationDuration = Histogram(TelemetryTags.OperationDurationMetric, "s", "Measures the duration of a GenAI operation", s_durationBuckets);
        Cost = Meter.CreateCounter<double>(
            TelemetryTags.CostMetric,
            unit: "{CNY}",
            description: "The cost of chat calls in CNY, priced from the model catalog and the usage the provider reported");
    }

    private Histogram<T> Histogram<T>(string name, string unit, string description, T[] buckets)
        where T : struct =>
        Meter.CreateHistogram(name, unit, description, tags: null, advice: new InstrumentAdvice<T> { HistogramBucketBoundaries = buckets });

    /// <summary>Gets the instrumentation of clients built without dependency injection.</summary>
    public static ChatInstrumentation Default => s_default.Value;

    /// <summary>Gets the activity source every ChineseLlm.Client span comes from.</summary>
    public static ActivitySource ActivitySource { get; } = new(ChineseLlmTelemetry.SourceName, s_version);

    /// <summary>Gets the meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Gets the <c>gen_ai.client.token.usage</c> histogram.</summary>
    public Histogram<int> TokenUsage { get; }

    /// <summary>Gets the <c>gen_ai.client.operation.duration</c> histogram, in seconds.</summary>
    public Histogram<double> OperationDuration { get; }

    /// <summary>Gets the <c>chinesellm.cost</c> counter, in CNY.</summary>
    public Counter<double> Cost { get; }

    /// <summary>Gets a value indicating whether any of the instruments has a listener.</summary>
    public bool IsRecording => TokenUsage.Enabled || OperationDuration.Enabled || Cost.Enabled;

    /// <summary>Prices a finished call from its reported usage.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="requestModel">The model the call asked for (what the vendor bills), tried first.</param>
    /// <param name="responseModel">The model the vendor reported, tried when the requested one is not in the catalog.</param>
    /// <param name="usage">The usage the vendor reported.</param>
    /// <param name="startedAt">When the call started (time windows such as off-peak prices depend on it).</param>
    /// <returns>The cost in CNY, or <see langword="null"/> when the model or its price is unknown.</returns>
    public decimal? Price(string provider, string? requestModel, string? responseModel, UsageDetails usage, DateTimeOffset startedAt)
    {
        var catalog = _catalog();
        ModelCard? card = null;
        if (requestModel is not null)
        {
            card = catalog.Find(provider, requestModel);
        }

        if (card is null && responseModel is not null)
        {
            card = catalog.Find(provider, responseModel);
        }

        return card is null ? null : CostCalculator.Calculate(card, usage, startedAt);
    }
}
