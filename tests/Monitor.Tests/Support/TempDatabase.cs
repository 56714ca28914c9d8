using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;

namespace Monitor.Tests.Support;

/// <summary>A real, migrated SQLite file in a throw-away folder, deleted (with its pooled connections) on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TempDatabase(string folder, MonitorDatabase database) => (_folder, Database) = (folder, database);

    public MonitorDatabase Database { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-db-").FullName;
        var database = new MonitorDatabase(Path.Combine(folder, "monitor.db"), NullLogger<MonitorDatabase>.Instance);
        await database.MigrateAsync(CancellationToken.None);
        return new TempDatabase(folder, database);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
