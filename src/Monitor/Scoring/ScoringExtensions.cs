using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Dedup;

namespace Monitor.Scoring;

public static class ScoringExtensions
{
    /// <summary>Registers matching and the seed vocabulary (from the <see cref="SeedCorpus"/> Dedup loaded). The <see cref="WatchlistSet"/> is loaded and validated by the caller before the host starts.</summary>
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WatchlistLoader>();
        builder.Services.AddSingleton(sp => SeedVocabulary.From(sp.GetRequiredService<SeedCorpus>()));
        builder.Services.AddSingleton<WatchlistMatcher>();
        return builder;
    }
}
