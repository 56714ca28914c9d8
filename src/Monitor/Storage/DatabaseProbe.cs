using Microsoft.Data.Sqlite;

namespace Monitor.Storage;

/// <summary>
/// Whether a database file can be read, without changing it: opened read-only (no migration, no file created), its
/// schema version read. For <c>monitor health</c>, which runs every 30 seconds beside a live <c>monitor run</c>
/// (WAL: the read never blocks the writer).
/// </summary>
public static class DatabaseProbe
{
    /// <summary>The schema version, or the reason the file cannot be read (missing, not a database, locked, unmigrated).</summary>
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
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            if (await MonitorDatabase.ReadVersionAsync(connection, null, cancellationToken) is not { } version)
                return new DatabaseProbeResult(null, "has no schema version (not migrated yet)");
            return version > Migrations.Steps.Count
                ? new DatabaseProbeResult(version, $"schema version {version} is newer than this program's {Migrations.Steps.Count}")
                : new DatabaseProbeResult(version, null);
        }
        catch (SqliteException ex)
        {
            return new DatabaseProbeResult(null, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DatabaseProbeResult(null, ex.Message);
        }
    }
}
