using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Dedup;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// One full cycle outside the scheduler, for <c>once</c> and <c>demo</c>: migrate, poll every feed, queue the alerts
/// (without waiting for the batch window: the digest follows at once; the rate limit holds), then compose and queue every
/// recipient's digest of the rest, and send everything pending, alerts first.
/// </summary>
public static class FullCycle
{
    public static async Task<CycleResult> RunAsync(IHost host, CheckedConfiguration config, CancellationToken cancellationToken)
    {
        var services = host.Services;
        await services.GetRequiredService<MonitorDatabase>().MigrateAsync(cancellationToken);
        services.GetRequiredService<SeedCorpus>();
        var feeds = await services.GetRequiredService<PollCycle>().RunAsync(config.Feeds.Feeds, cancellationToken);
        var alerts = await services.GetRequiredService<AlertCycle>().QueueAsync(config.Digest.Recipients,
            services.GetRequiredService<WatchlistProvider>().Current, holdForBatch: false, cancellationToken);
        var digests = await services.GetRequiredService<DigestCycle>().RunAsync(config.Digest.Recipients, cancellationToken);
        return new CycleResult(feeds, digests) { Alerts = alerts };
    }
}
