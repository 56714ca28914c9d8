using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// On stop (SIGTERM, Ctrl+C), cancels the jobs still running before Quartz waits for them: a poll blocked on a feed
/// that does not answer would otherwise hold the stop for the whole fetch timeout, past a container's 10-second grace
/// period, and end in SIGKILL. What a cancelled job had stored is kept; the rest is done at the next start (a feed
/// whose poll was cut off is due at once, a digest slot not queued is caught up, a mail being sent stays queued).
/// Registered after Quartz's hosted service, so that it stops first.
/// </summary>
public sealed class JobInterrupter(ISchedulerFactory schedulers, RunState state, ILogger<JobInterrupter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in state.Jobs)
        {
            if (await scheduler.Interrupt(job, cancellationToken))
                logger.LogInformation("Stopping: interrupted {Job} (what it stored is kept, the rest is done at the next start)", job.Name);
        }
    }
}
