using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Monitor.Storage;

/// <summary>
/// <c>AddWithValue</c> on the provider-neutral <see cref="DbParameterCollection"/>, so the stores' SQL and parameters
/// are written once for SQLite and PostgreSQL.
/// </summary>
internal static class DbParameters
{
    public static DbParameter AddWithValue(this DbParameterCollection parameters, string name, object? value) => parameters switch
    {
        NpgsqlParameterCollection npgsql => npgsql.AddWithValue(name, value ?? DBNull.Value),
        SqliteParameterCollection sqlite => sqlite.AddWithValue(name, value ?? DBNull.Value),
        _ => throw new NotSupportedException($"no parameters for {parameters.GetType().Name}"),
    };
}
