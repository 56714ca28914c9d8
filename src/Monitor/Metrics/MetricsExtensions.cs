using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Metrics;

public static class MetricsExtensions
{
    /// <summary>
    /// Registers the Prometheus endpoint (started by <c>monitor run</c> only). Section <c>Metrics</c>:
    /// <code>"Metrics": { "Enabled": false, "Port": 9464, "Host": "127.0.0.1" }</code>
    /// </summary>
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        builder.Services.AddSingleton<MetricsEndpoint>();
        return builder;
    }
}
