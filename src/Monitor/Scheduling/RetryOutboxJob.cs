using Quartz;

namespace Monitor.Scheduling;

/// <summary>Every few minutes, retries the mails still pending in the outbox (SMTP was down, the process stopped mid-send).</summary>
[DisallowConcurrentExecution]
public sealed class RetryOutboxJob(DigestCycle cycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cycle.SendPendingAsync(cancellationToken);
}
