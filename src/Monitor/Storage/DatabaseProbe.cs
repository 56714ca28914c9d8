using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Monitor.Storage;

/// <summary>
/// Whether the database can be read, without changing it: opened read-only (no migration, no file created), its
/// schema version read. For <c>monitor health</c>, which runs every 30 seconds beside a live <c>monitor run</c>
/// (SQLite in WAL mode and PostgreSQL: the read never blocks the writer).
/// </summary>
public static class DatabaseProbe
{
    /// <summary>The schema version of a SQLite file, or the reason it cannot be read (missing, not a database, locked, unmigrated).</summary>
    public static async Task<DatabaseProbeResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return new DatabaseProbeResult(null, "does not exist");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        return await ReadAsync(connection, cancellationToken);
    }

    /// <summary>The schema version of <paramref name="database"/> (either engine), or the reason it cannot be read.</summary>
    public static async Task<DatabaseProbeResult> ReadAsync(MonitorDatabase database, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
            return await ReadAsync(database.Path, cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await ReadAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (MonitorDatabase.IsUnavailable(ex))
        {
            return new DatabaseProbeResult(null, ex.Message);
        }
    }

    private static async Task<DatabaseProbeResult> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
                await connection.OpenAsync(cancellationToken);
            if (await MonitorDatabase.ReadVersionAsync(connection, null, cancellationToken) is not { } version)
                return new DatabaseProbeResult(null, "has no schema version (not migrated yet)");
            return version > Migrations.Steps.Count
                ? new DatabaseProbeResult(version, $"schema version {version} is newer than this program's {Migrations.Steps.Count}")
                : new DatabaseProbeResult(version, null);
        }
        catch (Exception ex) when (MonitorDatabase.IsUnavailable(ex))
        {
            return new DatabaseProbeResult(null, ex.Message);
        }
    }
}
