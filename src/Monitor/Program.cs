using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Cli;
using Monitor.Dedup;
using Monitor.Delivery;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Metrics;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Text;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Monitor;

public static class Program
{
    /// <summary>The one reference to the system clock; everything else gets time injected.</summary>
    private static readonly TimeProvider Clock = TimeProvider.System;

    public static Task<int> Main(string[] args) => MonitorCli.InvokeAsync(args, CreateBuilder, Clock);

    /// <summary>The host every verb runs in: one AddXyz() per folder, in the order data flows.</summary>
    public static HostApplicationBuilder CreateBuilder(MonitorPaths paths, CheckedConfiguration config)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = paths.ConfigFolder });
        builder.Configuration.AddConfiguration(config.Configuration);
        builder.Services.AddSingleton(Clock);
        builder.Services.AddSerilog(ConfigureLogging(paths, config.Log));

        builder.AddTranslation();
        builder.AddFeeds();
        builder.Services.AddSingleton(config.Feeds);
        builder.AddDedup();
        builder.Services.AddSingleton(sp => SeedCorpus.Load(paths.SeedsFolder(config.Dedup.SeedsPath), config.Dedup.ShingleSize,
            sp.GetRequiredService<HtmlText>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<SeedCorpus>()));
        builder.AddScoring();
        builder.AddWatchlists(paths.WatchlistsFile, config.Watchlists, config.WatchlistsStamp,
            set => ConfigurationCheck.UnknownWatchlists(config.Digest, set, config.Configuration, paths), paths.LastGoodWatchlists, config.WatchlistProblems);
        builder.AddStorage(paths.DataFolder);
        builder.AddDigest(paths.TemplatesFolder);
        builder.AddDelivery(paths.MailFolder);
        builder.AddScheduling();
        builder.AddMetrics();
        return builder;
    }

    private static Serilog.ILogger ConfigureLogging(MonitorPaths paths, LogOptions options)
    {
        // json: one object per line for log collectors, with the message rendered ("@m") beside its properties.
        var json = options.Format == LogFormat.Json ? new RenderedCompactJsonFormatter() : null;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(options.Level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            // Polly logs every successful request at Information ("Execution attempt"); retries and failures stay.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        // Logs go to stderr so that a verb's own output on stdout (the demo table, once's summary) stays clean.
        if (json is null)
        {
            logger.WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        }
        else
        {
            logger.WriteTo.Console(json, standardErrorFromLevel: LogEventLevel.Verbose);
        }
        if (options.File)
        {
            var file = Path.Combine(paths.DataFolder, "logs", "monitor-.log");
            if (json is null)
                logger.WriteTo.File(file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: CultureInfo.InvariantCulture);
            else
                logger.WriteTo.File(json, file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }
        return logger.CreateLogger();
    }
}
