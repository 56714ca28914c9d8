using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Scoring;

public static class ScoringExtensions
{
    /// <summary>Registers matching and the seed vocabulary (from the <see cref="SeedCorpus"/> Dedup loaded). The <see cref="WatchlistSet"/> is loaded and validated by the caller before the host starts.</summary>
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WatchlistLoader>();
        builder.Services.AddSingleton(sp => SeedVocabulary.From(sp.GetRequiredService<SeedCorpus>()));
        builder.Services.AddSingleton(sp => new WatchlistMatcher(sp.GetRequiredService<SeedVocabulary>(),
            sp.GetService<EnglishTranslator>() is { } translator ? translator.ToEnglish : null));
        return builder;
    }

    /// <summary>
    /// Registers the <see cref="WatchlistProvider"/>, starting from the set the caller checked (see its constructor).
    /// It reloads the file only when asked, or once <see cref="WatchWatchlists"/> has made it a hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddWatchlists(this IHostApplicationBuilder builder, string file, WatchlistSet checkedSet,
        FileStamp checkedStamp, Func<WatchlistSet, IEnumerable<ConfigProblem>> rules, string? lastGoodCopy = null, IReadOnlyList<ConfigProblem>? initialProblems = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new WatchlistProvider(file, checkedSet, checkedStamp, rules, sp.GetRequiredService<WatchlistLoader>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WatchlistProvider>>(), lastGoodCopy, initialProblems));
        return builder;
    }

    /// <summary>For the long-running worker: watches watchlists.yaml while the host runs, and stops watching when it stops.</summary>
    public static IHostApplicationBuilder WatchWatchlists(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WatchlistProvider>());
        return builder;
    }
}
