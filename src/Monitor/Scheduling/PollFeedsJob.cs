using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Fires every minute and polls the feeds that are due (never polled, or past their planned next poll or within
/// <see cref="PollCycle.DueSlack"/> of it), like
/// miniflux's scheduler picking due feeds in a batch. Never runs twice at once. Each tick first checks whether
/// watchlists.yaml changed, in case the file watcher missed it, and re-scores recent articles when it did; each tick
/// ends with the alerts that are due. The first tick of the process then starts the digest catch-up
/// (<see cref="CatchUpDigestsJob"/>). The end of each tick is recorded in the heartbeat file that <c>monitor health</c> reads.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollFeedsJob(PollCycle cycle, RescoreCycle rescore, AlertCycle alerts, DigestCycle mail, FeedList feeds, FeedStateStore feedStates, WatchlistProvider watchlists,
    OutboxStore outbox, WorkerMetrics metrics, IOptions<DigestOptions> digest, HeartbeatFile heartbeat, RunState run, TimeProvider time) : IJob
{
    /// <summary>How often the ticker fires.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Job data: which share of the feeds this job polls (a feed's shard is a hash of its URL), and of how many.</summary>
    public const string ShardKey = "shard";

    public const string ShardsKey = "shards";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var data = context.MergedJobDataMap;
            var shards = data.ContainsKey(ShardsKey) ? data.GetInt(ShardsKey) : 1;
            var shard = data.ContainsKey(ShardKey) ? data.GetInt(ShardKey) : 0;
            var (due, results) = await PollDueAsync(shard, shards, cancellationToken);
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
            // Missed digests are caught up once the feeds have been read (polled, even if that failed, or planned beyond
            // this start): usually after this process's first tick; later when another process had a feed claimed (a
            // cluster, where other instances poll most feeds; a `once` or a second `run` on the same database), so that
            // the caught-up digest holds what that process found.
            if (!run.CatchUpStarted && !cancellationToken.IsCancellationRequested && await FeedsReadSinceStartAsync() && run.TryStartCatchUp())
            {
                if (run.Clustered)
                    await PruneDigestTriggersAsync(context.Scheduler);
                await context.Scheduler.TriggerJob(CatchUpDigestsJob.Key, CancellationToken.None);
            }
        }
    }

    private async Task<bool> FeedsReadSinceStartAsync()
    {
        var states = (await feedStates.ListAsync(CancellationToken.None)).ToDictionary(s => s.Url, StringComparer.Ordinal);
        return feeds.Feeds.All(f => states.TryGetValue(f.Url.AbsoluteUri, out var s) && s.NextPollAt > run.StartedAt);
    }

    /// <summary>
    /// Removes the digest triggers of recipients or digest times no longer configured. They live on in a persistent
    /// (clustered) job store, where a digest time moved from 07:00 to 08:00 would otherwise still fire at 07:00.
    /// </summary>
    private async Task PruneDigestTriggersAsync(IScheduler scheduler)
    {
        var configured = digest.Value.Recipients
            .SelectMany(r => DigestSchedule.For(r).Select(s => SchedulingExtensions.DigestTrigger(r, s.Time)))
            .ToHashSet();
        foreach (var trigger in await scheduler.GetTriggersOfJob(new JobKey("send-digest"), CancellationToken.None))
        {
            if (!configured.Contains(trigger.Key))
                await scheduler.UnscheduleJob(trigger.Key, CancellationToken.None);
        }
    }

    /// <summary>The shard of a feed: a stable hash of its URL (the same in every process and version).</summary>
    public static int ShardOf(Uri url, int shards) =>
        shards == 1 ? 0 : (int)(System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(url.AbsoluteUri)) % (uint)shards);

    private async Task<(int Due, IReadOnlyList<FeedPollResult> Results)> PollDueAsync(int shard, int shards, CancellationToken cancellationToken)
    {
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        var dueBy = time.GetUtcNow() + PollCycle.DueSlack;
        var states = (await feedStates.ListAsync(cancellationToken)).ToDictionary(s => s.Url, StringComparer.Ordinal);
        var due = feeds.Feeds
            .Where(f => ShardOf(f.Url, shards) == shard)
            .Where(f => !states.TryGetValue(f.Url.AbsoluteUri, out var s) || s.NextPollAt is null || s.NextPollAt <= dueBy)
            .ToList();
        IReadOnlyList<FeedPollResult> results = due.Count > 0 ? await cycle.RunAsync(due, evenIfNotDue: false, cancellationToken) : [];
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
