using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Http;

/// <summary>
/// What a provider client takes from its surroundings: the HttpClient to send with (none: the client builds its own
/// resilient one and owns it), the clock, the loggers and the metrics instruments. A public client's optional
/// <see cref="IServiceProvider"/> supplies the last three; without one the client uses the system clock and no logging.
/// </summary>
internal sealed record ProviderServices(HttpClient? HttpClient, TimeProvider TimeProvider, ILoggerFactory? LoggerFactory, ChatInstrumentation? Instrumentation)
{
    /// <summary>Reads <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> and the library's instruments from <paramref name="services"/>.</summary>
    public static ProviderServices From(HttpClient? httpClient, IServiceProvider? services) => new(
        httpClient,
        services?.GetService<TimeProvider>() ?? TimeProvider.System,
        services?.GetService<ILoggerFactory>(),
        services?.GetService<ChatInstrumentation>());
}
