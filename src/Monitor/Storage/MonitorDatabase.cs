using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitor.Storage;

/// <summary>
/// The database: a SQLite file in the data folder (one instance), or PostgreSQL (several instances sharing the work).
/// Opens connections and brings the schema up to date at start, in one transaction per step, so a crash mid-migration
/// leaves the previous version intact. The stores write the same SQL to both; the few differences live here.
/// </summary>
/// <remarks>
/// Writers are serialised on both engines. SQLite does it by nature (one writer at a time: Microsoft.Data.Sqlite begins
/// IMMEDIATE transactions). On PostgreSQL, <see cref="BeginWriteAsync"/> takes a transaction-level advisory lock first,
/// so every check-then-write of the stores (a digest slot's claim, the outbox's "not queued or sent already") keeps the
/// meaning it has on SQLite, whichever instance runs it; readers are never blocked.
/// </remarks>
public sealed class MonitorDatabase
{
    private readonly ILogger<MonitorDatabase> _logger;
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>A SQLite file.</summary>
    public MonitorDatabase(string path, ILogger<MonitorDatabase> logger)
    {
        _logger = logger;
        Provider = StorageProvider.Sqlite;
        Path = path;
        Description = path;
        _sqliteConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private MonitorDatabase(NpgsqlDataSource dataSource, string description, ILogger<MonitorDatabase> logger)
    {
        _logger = logger;
        Provider = StorageProvider.Postgres;
        _postgres = dataSource;
        Path = "";
        Description = description;
    }

    /// <summary>A PostgreSQL database shared by every instance.</summary>
    public static MonitorDatabase Postgres(string connectionString, ILogger<MonitorDatabase> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named for the server's pg_stat_activity, so an operator sees which connections are Monitor's.
        builder.ApplicationName ??= "monitor";
        var description = $"PostgreSQL database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
        return new MonitorDatabase(NpgsqlDataSource.Create(builder), description, logger);
    }

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>The SQLite file; empty on PostgreSQL.</summary>
    public string Path { get; }

    /// <summary>Which database, for messages: the SQLite path, or "PostgreSQL database D on HOST:PORT" (never a password).</summary>
    public string Description { get; }

    /// <summary>The database as messages name it after "the": "database /data/monitor.db", "PostgreSQL database D on HOST:PORT".</summary>
    public string Named => IsPostgres ? Description : "database " + Path;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Begins a write transaction holding the database's one write lock until it ends (see the remarks): what the
    /// transaction reads after this call cannot change under it before its commit.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!IsPostgres)
            return transaction;
        try
        {
            await AdvisoryAsync(connection, "pg_advisory_xact_lock", WriteLockKey, cancellationToken, transaction);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    // Advisory lock keys: fixed numbers, chosen once ("MONI" + a digit), that nothing else in a shared database uses.
    // (ProcessLocks' keys are hashes of the process names.)
    private const long WriteLockKey = 0x4D4F4E49_00000001;
    private const long MigrationLockKey = 0x4D4F4E49_00000002;
    internal const long DedupLockKey = 0x4D4F4E49_00000003;

    /// <summary>
    /// Runs one of PostgreSQL's advisory lock functions (<c>pg_advisory_lock</c>, <c>pg_try_advisory_lock</c>,
    /// <c>pg_advisory_unlock</c>, <c>pg_advisory_xact_lock</c>) on <paramref name="key"/>; true when it returned true
    /// (a try that got the lock, an unlock that held it).
    /// </summary>
    internal static async Task<bool> AdvisoryAsync(DbConnection connection, string function, long key, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {function}(@key)";
        command.Parameters.AddWithValue("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Whether the error says the database could not be reached or used, rather than a bug in a query.</summary>
    public static bool IsUnavailable(Exception ex) => ex is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException or TimeoutException;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateCoreAsync(cancellationToken);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"cannot open or update the {Named}: {ex.Message} " + (IsPostgres
                ? "(check Storage:ConnectionString: host, database, user, password)"
                : "(is the data folder writable? set it with --data DIR or MONITOR_DATA)"), ex);
        }
    }

    private async Task MigrateCoreAsync(CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (folder is not null)
                Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken);
        if (IsPostgres)
        {
            // Several instances starting together: one migrates, the others wait here, then find the schema current.
            await AdvisoryAsync(connection, "pg_advisory_lock", MigrationLockKey, cancellationToken);
        }
        else
        {
            await using var wal = connection.CreateCommand();
            // WAL: readers (health, explain) never block the writer, and a crash loses no committed transaction.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // The version is read inside each step's write transaction, so two processes starting together on a new
        // database apply each step once: the second waits, then sees it done.
        while (true)
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken);
            var version = await ReadVersionAsync(connection, transaction, cancellationToken) ?? 0;
            if (version > Migrations.Steps.Count)
                throw new StorageUnavailableException($"the {Named} has schema version {version}, newer than this program's {Migrations.Steps.Count}: it was written by a newer Monitor; run that version (or newer) on it, or restore a backup made for this one");
            if (version == Migrations.Steps.Count)
                return;
            await using var step = connection.CreateCommand();
            step.Transaction = transaction;
            var sql = IsPostgres ? Migrations.ForPostgres(Migrations.Steps[version]) : Migrations.Steps[version];
            step.CommandText = sql + ";\nDELETE FROM schema_version;\nINSERT INTO schema_version (version) VALUES (" + (version + 1).ToString(CultureInfo.InvariantCulture) + ");";
            await step.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _logger.LogInformation("Database {DatabasePath} migrated to schema version {SchemaVersion}", Description, version + 1);
        }
    }

    /// <summary>The schema version recorded in the database; null when none is (a database not migrated yet).</summary>
    internal static async Task<int?> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="table"/> exists (a database not migrated yet has none), and has <paramref name="column"/> when given.</summary>
    internal async Task<bool> HasAsync(DbConnection connection, string table, string? column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = (IsPostgres, column) switch
        {
            (true, null) => "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table",
            (true, _) => "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column",
            (false, null) => "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @table",
            (false, _) => "SELECT 1 FROM pragma_table_info(@table) WHERE name = @column",
        };
        command.Parameters.AddWithValue("@table", table);
        if (column is not null)
            command.Parameters.AddWithValue("@column", column);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
