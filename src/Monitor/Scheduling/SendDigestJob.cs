using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Scoring;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Fires at one of a recipient's digest times (cron in their time zone) and runs that slot: claims it, composes,
/// queues and sends their digest, with watchlists.yaml as it is now (the file watcher may have missed an edit), recent
/// articles re-scored if it changed. The slot is the trigger's scheduled time, not the time it actually fired: a
/// misfire fired late (see <see cref="SchedulingExtensions.AddQuartzJobs"/>) still claims the slot it stands for.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SendDigestJob(DigestCycle cycle, RescoreCycle rescore, WatchlistProvider watchlists, IOptions<DigestOptions> options) : IJob
{
    public const string RecipientKey = "recipient";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var address = context.MergedJobDataMap.GetString(RecipientKey);
        var recipient = options.Value.Recipients.FirstOrDefault(r => string.Equals(r.Key, address, StringComparison.Ordinal));
        if (recipient is null)
            return;
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        await cycle.RunSlotAsync(recipient, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, catchUp: false, cancellationToken);
    }
}
