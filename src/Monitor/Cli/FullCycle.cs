using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Dedup;
using Monitor.Scheduling;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// One full cycle outside the scheduler, for <c>once</c> and <c>demo</c>: migrate, poll every feed, then compose,
/// queue and send every recipient's digest (and anything still pending).
/// </summary>
public static class FullCycle
{
    public static async Task<CycleResult> RunAsync(IHost host, CheckedConfiguration config, CancellationToken cancellationToken)
    {
        var services = host.Services;
        await services.GetRequiredService<MonitorDatabase>().MigrateAsync(cancellationToken);
        services.GetRequiredService<SeedCorpus>();
        var feeds = await services.GetRequiredService<PollCycle>().RunAsync(config.Feeds.Feeds, cancellationToken);
        var digests = await services.GetRequiredService<DigestCycle>().RunAsync(config.Digest.Recipients, cancellationToken);
        return new CycleResult(feeds, digests);
    }
}
