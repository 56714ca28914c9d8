using Microsoft.Extensions.Options;
using Monitor.Digest;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>Fires at a recipient's digest time (cron in their time zone) and composes, queues and sends their digest.</summary>
[DisallowConcurrentExecution]
public sealed class SendDigestJob(DigestCycle cycle, IOptions<DigestOptions> options) : IJob
{
    public const string RecipientKey = "recipient";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var address = context.MergedJobDataMap.GetString(RecipientKey);
        var recipient = options.Value.Recipients.FirstOrDefault(r => string.Equals(r.Key, address, StringComparison.Ordinal));
        if (recipient is not null)
            await cycle.RunAsync([recipient], cancellationToken);
    }
}
