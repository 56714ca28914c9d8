using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Fires every minute and polls the feeds that are due (never polled, or past their planned next poll), like
/// miniflux's scheduler picking due feeds in a batch. Never runs twice at once. Each tick first checks whether
/// watchlists.yaml changed, in case the file watcher missed it, and re-scores recent articles when it did; each tick
/// ends with the alerts that are due. The first tick of the process then starts the digest catch-up
/// (<see cref="CatchUpDigestsJob"/>). The end of each tick is recorded in the heartbeat file that <c>monitor health</c> reads.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollFeedsJob(PollCycle cycle, RescoreCycle rescore, AlertCycle alerts, DigestCycle mail, FeedList feeds, FeedStateStore feedStates, WatchlistProvider watchlists,
    OutboxStore outbox, WorkerMetrics metrics, IOptions<DigestOptions> digest, HeartbeatFile heartbeat, TimeProvider time) : IJob
{
    /// <summary>How often the ticker fires.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var (due, results) = await PollDueAsync(cancellationToken);
            heartbeat.TickFinished(due, results.Count, results.Count(r => !r.Succeeded));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded for `monitor health`, then thrown on: the job still fails loudly.
            heartbeat.TickFailed(ex);
            throw;
        }
        finally
        {
            // The trigger's first fire in this process: missed digests are caught up once the feeds have been read,
            // even if that poll failed.
            if (context.PreviousFireTimeUtc is null && !cancellationToken.IsCancellationRequested)
                await context.Scheduler.TriggerJob(CatchUpDigestsJob.Key, CancellationToken.None);
        }
    }

    private async Task<(int Due, IReadOnlyList<FeedPollResult> Results)> PollDueAsync(CancellationToken cancellationToken)
    {
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        var now = time.GetUtcNow();
        var states = (await feedStates.ListAsync(cancellationToken)).ToDictionary(s => s.Url, StringComparer.Ordinal);
        var due = feeds.Feeds
            .Where(f => !states.TryGetValue(f.Url.AbsoluteUri, out var s) || s.NextPollAt is null || s.NextPollAt <= now)
            .ToList();
        IReadOnlyList<FeedPollResult> results = due.Count > 0 ? await cycle.RunAsync(due, cancellationToken) : [];
        // At every tick, not only after a poll: hits held for their batch window or by the rate limit fall due with time.
        var queued = await alerts.QueueAsync(digest.Value.Recipients, watchlists.Current, holdForBatch: true, cancellationToken);
        // Sent at once, through the outbox like every mail. Only when an alert was queued: mails that failed before
        // are left to the retry job's pace.
        if (queued.Count > 0)
            await mail.SendPendingAsync(SendScope.Due, cancellationToken);
        metrics.RecordQueues(due.Count, await outbox.PendingCountsAsync(cancellationToken));
        return (due.Count, results);
    }
}
