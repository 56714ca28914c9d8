using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Every minute, from start, sends the pending mails whose next attempt is due (SMTP was down: exponential backoff;
/// the process was stopped or killed mid-send: at once).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetryOutboxJob(DigestCycle cycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cycle.SendPendingAsync(SendScope.Due, cancellationToken);
}
