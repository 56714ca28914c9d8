using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Dedup;

public static class DedupExtensions
{
    /// <summary>
    /// Registers the seed-duplicate check. The <see cref="SeedCorpus"/> itself is loaded once by the caller
    /// (it needs the resolved seeds folder) and registered as a singleton.
    /// </summary>
    public static IHostApplicationBuilder AddDedup(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DedupOptions>().BindConfiguration(DedupOptions.Section);
        builder.Services.AddSingleton<ContainmentCheck>();
        return builder;
    }
}
