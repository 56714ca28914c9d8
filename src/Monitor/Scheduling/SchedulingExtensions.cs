using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Digest;
using Quartz;

namespace Monitor.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>Registers the cycles that chain the stages. Used by every verb.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton<PollCycle>();
        builder.Services.AddSingleton<DigestCycle>();
        builder.Services.AddSingleton<AlertCycle>();
        builder.Services.AddSingleton<RescoreCycle>();
        return builder;
    }

    /// <summary>The poll job of shard <paramref name="shard"/> of <paramref name="shards"/>: "poll-feeds" alone, "poll-feeds-2" among several.</summary>
    public static JobKey PollJob(int shard, int shards) => new(shards == 1 ? "poll-feeds" : "poll-feeds-" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The trigger of one digest time of one recipient.</summary>
    public static TriggerKey DigestTrigger(RecipientOptions recipient, TimeOnly at) =>
        new("digest:" + recipient.Key + ":" + at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Registers Quartz for <c>monitor run</c>: the poll ticker every minute (which also sends the alerts that are due),
    /// one cron trigger per recipient and digest time in their time zone, the digest catch-up once after the first
    /// poll, and the outbox retry every minute. Stopping waits for running jobs.
    /// </summary>
    /// <remarks>
    /// The poll job records the end of each tick in <paramref name="heartbeatPath"/> (DATA/health.json) for <c>monitor health</c>.
    /// Two mechanisms make a digest slot run once. Quartz's misfire instruction (FireAndProceed: fire once, late,
    /// then keep to the schedule) covers a slot missed while the process was up but the scheduler could not fire it
    /// on time (threads busy, the machine suspended). The job store is in memory, so Quartz knows nothing of a slot
    /// that passed while no process ran: <see cref="CatchUpDigestsJob"/> covers that, from the digest_slots table.
    /// Both end in <see cref="DigestCycle.RunSlotAsync"/> with the slot's scheduled time, where the claim in
    /// digest_slots lets one run compose the slot, however many fire it (a late misfire and a catch-up, two processes).
    /// </remarks>
    /// <param name="clusterConnectionString">
    /// PostgreSQL (Storage:Provider Postgres): the schedule is kept in Quartz's clustered job store on that database
    /// (its tables created at start if missing), shared by every instance: each trigger fires on one instance, and an
    /// instance that dies has its work (and the misfires of its schedule) taken up by the others. Null: one instance, in memory.
    /// </param>
    /// <param name="pollShards">How many poll jobs share the feeds (1 for one instance).</param>
    public static IHostApplicationBuilder AddQuartzJobs(this IHostApplicationBuilder builder, IReadOnlyList<RecipientOptions> recipients, string heartbeatPath,
        string? clusterConnectionString = null, int pollShards = 1)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new HeartbeatFile(heartbeatPath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HeartbeatFile>>()));
        var shards = clusterConnectionString is null ? 1 : pollShards;
        var pollJobs = Enumerable.Range(0, shards).Select(i => PollJob(i, shards)).ToList();
        builder.Services.AddSingleton(new RunState([.. pollJobs, new("send-digest"), new("retry-outbox"), CatchUpDigestsJob.Key], clusterConnectionString is not null, DateTimeOffset.UtcNow));
        if (clusterConnectionString is not null)
        {
            builder.Services.Configure<QuartzOptions>(options =>
            {
                // A restart replaces the stored triggers with the configured ones, keeping their firing history: a
                // schedule already run is not run again, and one missed while every instance was down misfires.
                options.Scheduling.OverwriteExistingData = true;
                options.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
            });
        }
        builder.Services.AddQuartz(q =>
        {
            if (clusterConnectionString is not null)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(clusterConnectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                    store.ProvisionSchema();
                });
            }
            for (var i = 0; i < shards; i++)
            {
                // Copies for the lambdas, which run after the loop.
                var (key, shard) = (pollJobs[i], i);
                q.ScheduleJob<PollFeedsJob>(
                    trigger => trigger.WithIdentity(key.Name).StartNow()
                        .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(PollFeedsJob.Interval).RepeatForever()),
                    job => job.WithIdentity(key).UsingJobData(PollFeedsJob.ShardKey, shard).UsingJobData(PollFeedsJob.ShardsKey, shards));
            }

            q.AddJob<CatchUpDigestsJob>(job => job.WithIdentity(CatchUpDigestsJob.Key).StoreDurably());
            // Besides the run at start (triggered by the first poll), every few minutes: a slot whose run failed is run again.
            q.AddTrigger(trigger => trigger.ForJob(CatchUpDigestsJob.Key).WithIdentity(CatchUpDigestsJob.PeriodicTrigger)
                .StartAt(DateTimeOffset.UtcNow + CatchUpDigestsJob.Period)
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(CatchUpDigestsJob.Period).RepeatForever()));
            q.AddJob<SendDigestJob>(job => job.WithIdentity("send-digest").StoreDurably());
            foreach (var recipient in recipients)
            {
                foreach (var (at, cron) in DigestSchedule.For(recipient))
                {
                    q.AddTrigger(trigger => trigger.ForJob("send-digest")
                        .WithIdentity(DigestTrigger(recipient, at))
                        .UsingJobData(SendDigestJob.RecipientKey, recipient.Key)
                        .WithSchedule(CronScheduleBuilder.Create(cron)
                            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
                }
            }

            q.ScheduleJob<RetryOutboxJob>(
                trigger => trigger.WithIdentity("retry-outbox").StartNow()
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
                job => job.WithIdentity("retry-outbox"));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // After Quartz's hosted service, so stopped before it: running jobs are cancelled, then Quartz waits for them.
        builder.Services.AddHostedService<JobInterrupter>();
        return builder;
    }
}
