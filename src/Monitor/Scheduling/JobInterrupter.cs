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
        // This node's firings only: IScheduler.Interrupt(JobKey) would also cancel the same job running on the other
        // instances of a cluster (Quartz records the request for them), so stopping one instance would cut off the
        // polls and sends of the others.
        var running = await scheduler.QueryFireInstances(
            new FireInstanceQuery { SchedulerInstanceId = scheduler.SchedulerInstanceId, Take = PagedQuery.All }, cancellationToken);
        foreach (var firing in running.Items.Where(f => f.JobKey is { } key && state.Jobs.Contains(key)))
        {
            // A failed interrupt must not fail the stop: Quartz then waits for the job, and the process still exits 0.
            // (Interrupting cancels the job's token, whose callbacks run in this call.)
            try
            {
                if (await scheduler.InterruptFireInstance(firing.FireInstanceId, cancellationToken))
                    logger.LogInformation("Stopping: interrupted {Job} (what it stored is kept, the rest is done at the next start)", firing.JobKey?.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Stopping: could not interrupt {Job}, waiting for it to finish: {Error}", firing.JobKey?.Name, ex.Message);
            }
        }
    }
}
