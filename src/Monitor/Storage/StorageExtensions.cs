using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the store. Section <c>Storage</c> (<see cref="StorageOptions"/>): SQLite by default,
    /// <code>"Storage": { "Path": "monitor.db" }</code> with a relative path taken from <paramref name="dataFolder"/>;
    /// or PostgreSQL with <c>"Provider": "Postgres"</c> and the connection string from the environment or a secret file.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<MonitorDatabase>>();
            return options.Provider == StorageProvider.Postgres
                ? MonitorDatabase.Postgres(options.ResolveConnectionString()
                    ?? throw new StorageUnavailableException("Storage:Provider is Postgres but no connection string is set (MONITOR_Storage__ConnectionString or Storage:ConnectionStringFile)"), logger)
                : new MonitorDatabase(Path.GetFullPath(options.Path, dataFolder), logger);
        });
        builder.Services.AddSingleton<FeedStateStore>();
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddSingleton<ArticleReader>();
        builder.Services.AddSingleton<FingerprintStore>();
        builder.Services.AddSingleton<Monitor.Dedup.IFingerprintArchive>(sp => sp.GetRequiredService<FingerprintStore>());
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<ProcessLocks>();
        builder.Services.AddSingleton<DigestSlotStore>();
        builder.Services.AddSingleton<AlertStore>();
        return builder;
    }
}
