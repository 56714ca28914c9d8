using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the SQLite store. Section <c>Storage</c>: <code>"Storage": { "Path": "monitor.db" }</code>;
    /// a relative path is taken from <paramref name="dataFolder"/>.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton(sp => new MonitorDatabase(
            Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path, dataFolder),
            sp.GetRequiredService<ILogger<MonitorDatabase>>()));
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
