using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Dedup;
using Monitor.Metrics;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary><c>monitor run</c>: the long-running worker on Quartz in the Generic Host, reloading watchlists.yaml when it is edited.</summary>
public static class RunVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory)
    {
        var config = MonitorCli.NewCheck().Check(paths, useLastGoodWatchlists: true);
        var builder = hostFactory(paths, config);
        builder.WatchWatchlists();
        var storage = config.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var cluster = config.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        builder.AddQuartzJobs(config.Digest.Recipients, paths.HealthFile,
            storage.Provider == StorageProvider.Postgres ? storage.ResolveConnectionString() : null, cluster.PollShards);
        using var host = builder.Build();

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor");
        logger.LogInformation("Monitor {Version} starting: config {ConfigFolder}, data {DataFolder}, {FeedCount} feeds, {WatchlistCount} watchlists, {RecipientCount} recipients",
            MonitorVersion.Text, paths.ConfigFolder, paths.DataFolder, config.Feeds.Feeds.Count,
            config.Watchlists.Watchlists.Count, config.Digest.Recipients.Count);
        foreach (var warning in config.Warnings)
            logger.LogWarning("Configuration: {Warning}", warning.ToString());
        foreach (var problem in config.TemplateProblems)
            logger.LogError("Template invalid, the built-in template is used until it is fixed: {ConfigProblem}", problem.ToString());
        foreach (var problem in config.WatchlistProblems)
        {
            logger.LogError("Watchlists file invalid, started with the last good version ({Copy}, {WatchlistCount} watchlists): {ConfigProblem}",
                paths.LastGoodWatchlists, config.Watchlists.Watchlists.Count, problem.ToString());
        }

        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(CancellationToken.None);
        host.Services.GetRequiredService<SeedCorpus>();
        await using var metrics = host.Services.GetRequiredService<MetricsEndpoint>();
        try
        {
            await metrics.StartAsync(CancellationToken.None);
        }
        catch (MetricsEndpointException ex)
        {
            // Asked for and unavailable: stopping says so at once, where running on would leave the scraper to find out.
            logger.LogError("Monitor not started: {Error}", ex.Message);
            return ExitCodes.Failure;
        }
        var heartbeat = host.Services.GetRequiredService<HeartbeatFile>();
        var database = host.Services.GetRequiredService<MonitorDatabase>();
        if (database.IsPostgres)
            logger.LogInformation("Cluster mode: state and schedule in the {Database}, {Shards} poll jobs shared with the other instances", database.Description, cluster.PollShards);
        heartbeat.Started(MonitorVersion.Text, database.IsPostgres ? HeartbeatFile.PostgresPrefix + database.Description : database.Path, PollFeedsJob.Interval);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() => logger.LogInformation("Monitor stopping: running jobs are interrupted, what they stored is kept"));
        await host.RunAsync();
        // Only after a clean stop (the jobs have finished): a crash leaves the heartbeat to go stale instead.
        heartbeat.Stopped();
        logger.LogInformation("Monitor stopped");
        return ExitCodes.Success;
    }
}
