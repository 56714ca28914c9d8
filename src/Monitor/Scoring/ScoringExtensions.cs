using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitor.Scoring;

public static class ScoringExtensions
{
    /// <summary>Registers matching. The <see cref="WatchlistSet"/> is loaded and validated by the caller before the host starts.</summary>
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WatchlistLoader>();
        builder.Services.AddSingleton<WatchlistMatcher>();
        return builder;
    }
}
