using Npgsql;

namespace Monitor.Storage;

/// <summary>
/// Section <c>Storage</c>. One instance: <code>"Storage": { "Path": "monitor.db" }</code> (SQLite; relative paths are in
/// the data folder). Several instances on one database: <code>"Storage": { "Provider": "Postgres" }</code> with the
/// connection string from the environment (<c>MONITOR_Storage__ConnectionString</c>) or a secret file
/// (<c>ConnectionStringFile</c>, e.g. <c>/run/secrets/monitor_db</c>), as for the SMTP password: it usually holds one.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string Path { get; set; } = "monitor.db";

    /// <summary>Npgsql connection string (<c>Host=db;Database=monitor;Username=monitor;Password=…</c>); Postgres only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the connection string (a container secret); Postgres only.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>The connection string, from the setting or the file; null when neither is set.</summary>
    public string? ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : !string.IsNullOrWhiteSpace(ConnectionStringFile) ? File.ReadAllText(ConnectionStringFile).Trim()
        : null;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(Path))
                yield return (nameof(Path), "must not be empty");
            else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
                yield return (nameof(Path), $"is not a valid path (got '{Path}')");
            yield break;
        }
        if (!string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(ConnectionStringFile))
        {
            yield return (nameof(ConnectionStringFile), "set either MONITOR_Storage__ConnectionString or Storage:ConnectionStringFile, not both");
            yield break;
        }
        if (!string.IsNullOrWhiteSpace(ConnectionStringFile) && !File.Exists(ConnectionStringFile))
        {
            yield return (nameof(ConnectionStringFile), $"file '{ConnectionStringFile}' does not exist");
            yield break;
        }
        string? connectionString;
        string? unreadable = null;
        try
        {
            connectionString = ResolveConnectionString();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            connectionString = null;
            unreadable = ex.Message;
        }
        if (unreadable is not null)
        {
            yield return (nameof(ConnectionStringFile), $"cannot be read: {unreadable}");
            yield break;
        }
        if (connectionString is null)
        {
            yield return (nameof(ConnectionString), "is required with Provider Postgres: set MONITOR_Storage__ConnectionString or Storage:ConnectionStringFile");
            yield break;
        }
        string? invalid = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                invalid = "names no Host";
        }
        catch (ArgumentException ex)
        {
            // The message names the key, never its value: the string may hold a password.
            invalid = "is not a valid PostgreSQL connection string: " + ex.Message;
        }
        if (invalid is not null)
            yield return (string.IsNullOrWhiteSpace(ConnectionString) ? nameof(ConnectionStringFile) : nameof(ConnectionString), invalid);
    }
}
