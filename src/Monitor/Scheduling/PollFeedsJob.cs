using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Fires every minute and polls the feeds that are due (never polled, or past their planned next poll), like
/// miniflux's scheduler picking due feeds in a batch. Never runs twice at once. Each tick first checks whether
/// watchlists.yaml changed, in case the file watcher missed it, and re-scores recent articles when it did. The first
/// tick of the process then starts the digest catch-up (<see cref="CatchUpDigestsJob"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollFeedsJob(PollCycle cycle, RescoreCycle rescore, FeedList feeds, FeedStateStore feedStates, WatchlistProvider watchlists, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await PollDueAsync(cancellationToken);
        }
        finally
        {
            // The trigger's first fire in this process: missed digests are caught up once the feeds have been read,
            // even if that poll failed.
            if (context.PreviousFireTimeUtc is null && !cancellationToken.IsCancellationRequested)
                await context.Scheduler.TriggerJob(CatchUpDigestsJob.Key, CancellationToken.None);
        }
    }

    private async Task PollDueAsync(CancellationToken cancellationToken)
    {
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        var now = time.GetUtcNow();
        var states = (await feedStates.ListAsync(cancellationToken)).ToDictionary(s => s.Url, StringComparer.Ordinal);
        var due = feeds.Feeds
            .Where(f => !states.TryGetValue(f.Url.AbsoluteUri, out var s) || s.NextPollAt is null || s.NextPollAt <= now)
            .ToList();
        if (due.Count > 0)
            await cycle.RunAsync(due, cancellationToken);
    }
}
