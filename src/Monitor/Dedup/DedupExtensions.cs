using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Text;

namespace Monitor.Dedup;

public static class DedupExtensions
{
    /// <summary>
    /// Registers the deduplicator (seeds, earlier articles, stories). The <see cref="SeedCorpus"/> itself is loaded once by the caller
    /// (it needs the resolved seeds folder) and registered as a singleton.
    /// </summary>
    public static IHostApplicationBuilder AddDedup(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DedupOptions>().BindConfiguration(DedupOptions.Section);
        builder.Services.AddSingleton(sp => new Deduplicator(sp.GetRequiredService<SeedCorpus>(), sp.GetRequiredService<IOptions<DedupOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<IFingerprintArchive>(), sp.GetService<EnglishTranslator>() is { } translator ? translator.ToEnglish : null));
        return builder;
    }
}
