using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Runs once per <c>monitor run</c>, after the first poll pass (so the digest also has what was published while
/// Monitor was down): for each recipient, the most recent digest slot before now, within Digest:MaxArticleAgeDays, is
/// run if no process claimed it, i.e. a digest due while no worker ran is sent once when one comes back. Older missed
/// slots are not run one by one: the caught-up digest holds everything not yet sent. A recipient's first start (a new
/// install, a new recipient, the upgrade that brought slot claims) has nothing to catch up: their schedule starts then. A slot a worker did handle, or
/// that another process is handling, is not composed again (<see cref="DigestCycle.RunSlotAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class CatchUpDigestsJob(DigestCycle cycle, DigestSlotStore slots, RescoreCycle rescore, WatchlistProvider watchlists, IOptions<DigestOptions> options, TimeProvider time, ILogger<CatchUpDigestsJob> logger) : IJob
{
    public static readonly JobKey Key = new("catch-up-digests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var recipient in options.Value.Recipients)
        {
            var slot = DigestSchedule.Last(recipient, now - TimeSpan.FromDays(options.Value.MaxArticleAgeDays), now);
            if (slot is null)
            {
                logger.LogInformation("Catch-up: {Recipient} had no digest slot in the last {Days} days", recipient.Address, options.Value.MaxArticleAgeDays);
                continue;
            }
            if (await slots.TryStartScheduleAsync(recipient.Key, slot.Value, LeaseOwner.Current, now, cancellationToken))
            {
                logger.LogInformation("First start for {Recipient}: digests begin with the next slot, {NextSlot} (nothing to catch up)",
                    recipient.Address, DigestSchedule.Next(recipient, now) is { } next ? DigestSchedule.Describe(recipient, next) : "none");
                continue;
            }
            await cycle.RunSlotAsync(recipient, slot.Value, catchUp: true, cancellationToken);
        }
    }
}
