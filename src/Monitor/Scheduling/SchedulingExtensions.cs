using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Digest;
using Quartz;

namespace Monitor.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>Registers the cycles that chain the stages. Used by every verb.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PollCycle>();
        builder.Services.AddSingleton<DigestCycle>();
        builder.Services.AddSingleton<AlertCycle>();
        builder.Services.AddSingleton<RescoreCycle>();
        return builder;
    }

    /// <summary>
    /// Registers Quartz for <c>monitor run</c>: the poll ticker every minute (which also sends the alerts that are due), one cron trigger per recipient at their
    /// digest time in their time zone, and the outbox retry every five minutes. Stopping waits for running jobs.
    /// </summary>
    public static IHostApplicationBuilder AddQuartzJobs(this IHostApplicationBuilder builder, IReadOnlyList<RecipientOptions> recipients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddQuartz(q =>
        {
            q.ScheduleJob<PollFeedsJob>(
                trigger => trigger.WithIdentity("poll-feeds").StartNow()
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
                job => job.WithIdentity("poll-feeds"));

            q.AddJob<SendDigestJob>(job => job.WithIdentity("send-digest").StoreDurably());
            foreach (var recipient in recipients)
            {
                q.AddTrigger(trigger => trigger.ForJob("send-digest").WithIdentity("digest:" + recipient.Key)
                    .UsingJobData(SendDigestJob.RecipientKey, recipient.Key)
                    .WithSchedule(CronScheduleBuilder.Create(DigestSchedule.For(recipient))
                        .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }

            q.ScheduleJob<RetryOutboxJob>(
                trigger => trigger.WithIdentity("retry-outbox").StartAt(time.GetUtcNow().AddMinutes(5))
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(5)).RepeatForever()),
                job => job.WithIdentity("retry-outbox"));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
