using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>
/// Read-only queries over <c>articles</c> and <c>article_scores</c> for the verbs that replay or mine what is stored
/// (<c>backtest</c>, <c>suggest-terms</c>). The file is opened read-only, never created nor migrated, so these verbs
/// may run beside the worker and cannot change what it stored; a missing file, or one without the articles table
/// yet, reads as no article.
/// </summary>
public sealed class ArticleReader(MonitorDatabase database)
{
    /// <summary>The non-duplicate articles found since <paramref name="since"/>, oldest first, with their stored scores.</summary>
    public async Task<IReadOnlyList<ReplayArticle>> FoundSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var articles = new List<ReplayArticle>();
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
            return articles;
        // Read-only: a database from before migration 8 (score details) is read as it is, without them.
        var hasDetails = await database.HasAsync(connection, "article_scores", "details", cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT a.id, a.title, a.summary, a.content, a.found_at, s.watchlist, s.score, s.matches, {(hasDetails ? "s.details" : "NULL")}
            FROM articles a
            LEFT JOIN article_scores s ON s.article_id = a.id
            WHERE a.status <> @duplicate AND a.found_at >= @since
            ORDER BY a.found_at, a.id, s.watchlist
            """;
        command.Parameters.AddWithValue("@duplicate", ArticleStatus.Duplicate);
        command.Parameters.AddWithValue("@since", Timestamps.Write(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<StoredScore>? scores = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (articles.Count == 0 || articles[^1].Id != id)
            {
                scores = [];
                articles.Add(new ReplayArticle(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), Timestamps.Read(reader.GetString(4)), scores));
            }
            if (!reader.IsDBNull(5))
                scores!.Add(new StoredScore(reader.GetString(5), reader.GetDouble(6), JsonSerializer.Deserialize<List<TermMatch>>(reader.GetString(7)) ?? [])
                {
                    Details = reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<ScoreDetails>(reader.GetString(8)),
                });
        }
        return articles;
    }

    /// <summary>Title, summary and content of every non-duplicate stored article, one text each, in id order.</summary>
    public async IAsyncEnumerable<string> TextsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
            yield break;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title, summary, content FROM articles WHERE status <> @duplicate ORDER BY id";
        command.Parameters.AddWithValue("@duplicate", ArticleStatus.Duplicate);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return reader.GetString(0) + "\n" + reader.GetString(1) + "\n" + reader.GetString(2);
    }

    /// <summary>A read-only connection, or null when there is no database (or no article table) to read yet.</summary>
    private async Task<DbConnection?> OpenAsync(CancellationToken cancellationToken)
    {
        if (!database.IsPostgres && !File.Exists(database.Path))
            return null;
        DbConnection? connection = null;
        try
        {
            // PostgreSQL: read-only by what these verbs run (selects only). SQLite: opened read-only, not pooled: a verb
            // reads once, and a pooled handle would keep the file open after the verb returns.
            connection = database.IsPostgres
                ? await database.OpenAsync(cancellationToken)
                : new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = database.Path,
                    Mode = SqliteOpenMode.ReadOnly,
                    Pooling = false,
                    DefaultTimeout = 30,
                }.ToString());
            if (connection.State != System.Data.ConnectionState.Open)
                await connection.OpenAsync(cancellationToken);
            if (await database.HasAsync(connection, "articles", null, cancellationToken))
                return connection;
        }
        catch (Exception ex) when (MonitorDatabase.IsUnavailable(ex))
        {
            if (connection is not null)
                await connection.DisposeAsync();
            throw new StorageUnavailableException($"cannot read the {database.Named}: {ex.Message}", ex);
        }
        await connection.DisposeAsync();
        return null;
    }
}
