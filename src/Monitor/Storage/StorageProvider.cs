namespace Monitor.Storage;

/// <summary>Where the state lives: a SQLite file (one instance, the default) or PostgreSQL (several instances, clustered).</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
