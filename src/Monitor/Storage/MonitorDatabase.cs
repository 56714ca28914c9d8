using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage;

/// <summary>
/// The SQLite file in the data folder: opens connections (WAL, foreign keys, a busy timeout) and brings the schema
/// up to date at start, in one transaction per step, so a crash mid-migration leaves the previous version intact.
/// </summary>
public sealed class MonitorDatabase(string path, ILogger<MonitorDatabase> logger)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateCoreAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(
                $"cannot open or update the database {Path}: {ex.Message} (is the data folder writable? set it with --data DIR or MONITOR_DATA)", ex);
        }
    }

    private async Task MigrateCoreAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (folder is not null)
            Directory.CreateDirectory(folder);

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            // WAL: readers (health, explain) never block the writer, and a crash loses no committed transaction.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // The version is read inside each step's write transaction (Microsoft.Data.Sqlite begins them IMMEDIATE), so two
        // processes starting together on a new database apply each step once: the second waits, then sees it done.
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var version = await ReadVersionAsync(connection, (SqliteTransaction)transaction, cancellationToken) ?? 0;
            if (version > Migrations.Steps.Count)
                throw new StorageUnavailableException($"the database {Path} has schema version {version}, newer than this program's {Migrations.Steps.Count}: it was written by a newer Monitor; run that version (or newer) on it, or restore a backup made for this one");
            if (version == Migrations.Steps.Count)
                return;
            await using var step = connection.CreateCommand();
            step.Transaction = (SqliteTransaction)transaction;
            step.CommandText = Migrations.Steps[version] + ";\nDELETE FROM schema_version;\nINSERT INTO schema_version (version) VALUES (" + (version + 1).ToString(CultureInfo.InvariantCulture) + ");";
            await step.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Database {DatabasePath} migrated to schema version {SchemaVersion}", Path, version + 1);
        }
    }

    /// <summary>The schema version recorded in the database; null when none is (a database not migrated yet).</summary>
    internal static async Task<int?> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
