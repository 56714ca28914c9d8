using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Runs once per <c>monitor run</c> after the first poll pass (so the digest also has what was published while
/// Monitor was down), then every <see cref="Period"/> (so a slot whose run failed is run again): for each recipient, the most recent digest slot before now, within Digest:MaxArticleAgeDays, is
/// run if no process claimed it, i.e. a digest due while no worker ran is sent once when one comes back. Older missed
/// slots are not run one by one: the caught-up digest holds everything not yet sent. A recipient's first start (a new
/// install, a new recipient, the upgrade that brought slot claims) has nothing to catch up: their schedule starts then.
/// A slot a worker did handle, or that another process is handling, is not composed again (<see cref="DigestCycle.RunSlotAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class CatchUpDigestsJob(DigestCycle cycle, DigestSlotStore slots, RescoreCycle rescore, WatchlistProvider watchlists, IOptions<DigestOptions> options, TimeProvider time, ILogger<CatchUpDigestsJob> logger) : IJob
{
    public static readonly JobKey Key = new("catch-up-digests");

    /// <summary>The trigger that repeats the check while Monitor runs (a slot whose run failed is run again).</summary>
    public const string PeriodicTrigger = "catch-up-digests-periodic";

    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>How long after a slot the periodic check leaves it to its own trigger.</summary>
    public static readonly TimeSpan PeriodicGrace = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        watchlists.Refresh();
        await rescore.RunIfChangedAsync(watchlists.Current, cancellationToken);
        var now = time.GetUtcNow();
        // At start every missed slot counts; on the periodic check, a slot that has just passed is its cron trigger's.
        var atStart = context.Trigger.Key.Name != PeriodicTrigger;
        var before = atStart ? now : now - PeriodicGrace;
        foreach (var recipient in options.Value.Recipients)
        {
            var slot = DigestSchedule.Last(recipient, now - TimeSpan.FromDays(options.Value.MaxArticleAgeDays), before);
            if (slot is null)
            {
                if (atStart)
                    logger.LogInformation("Catch-up: {Recipient} had no digest slot in the last {Days} days", recipient.Address, options.Value.MaxArticleAgeDays);
                continue;
            }
            if (await slots.TryStartScheduleAsync(recipient.Key, slot.Value, LeaseOwner.Current, now, cancellationToken))
            {
                logger.LogInformation("First start for {Recipient}: digests begin with the next slot, {NextSlot} (nothing to catch up)",
                    recipient.Address, DigestSchedule.Next(recipient, now) is { } next ? DigestSchedule.Describe(recipient, next) : "none");
                continue;
            }
            // The periodic check passes quietly over slots already run; at start, saying so is useful.
            if (!atStart && await slots.IsClaimedAsync(recipient.Key, slot.Value, cancellationToken))
                continue;
            await cycle.RunSlotAsync(recipient, slot.Value, catchUp: true, cancellationToken);
        }
    }
}
