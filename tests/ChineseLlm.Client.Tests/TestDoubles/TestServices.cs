using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>The services a provider client takes from its optional <see cref="IServiceProvider"/>: a clock and loggers.</summary>
internal static class TestServices
{
    /// <summary>Returns a container holding <paramref name="time"/> and <paramref name="logs"/> (each only when given).</summary>
    public static IServiceProvider Of(TimeProvider? time = null, ILoggerFactory? logs = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (logs is not null)
        {
            services.AddSingleton(logs);
        }

        return services.BuildServiceProvider();
    }
}
