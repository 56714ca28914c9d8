using Microsoft.Data.Sqlite;

namespace Monitor.Storage;

/// <summary>
/// Tables <c>outbox</c>, <c>outbox_articles</c> and <c>sent_articles</c>: the exactly-once bookkeeping. A mail is
/// stored with the articles it covers before any attempt to send it; it is marked sent, and its articles recorded as
/// sent to that recipient, in one transaction after the server accepted it.
/// </summary>
public sealed class OutboxStore(MonitorDatabase database)
{
    public async Task<long> EnqueueAsync(string kind, string recipient, string messageId, string subject, byte[] mime, IReadOnlyCollection<long> articleIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO outbox (kind, recipient, message_id, subject, mime, created_at, status)
            VALUES (@kind, @recipient, @messageId, @subject, @mime, @now, @pending)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("@kind", kind);
        insert.Parameters.AddWithValue("@recipient", recipient);
        insert.Parameters.AddWithValue("@messageId", messageId);
        insert.Parameters.AddWithValue("@subject", subject);
        insert.Parameters.AddWithValue("@mime", mime);
        insert.Parameters.AddWithValue("@now", Timestamps.Write(now));
        insert.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

        foreach (var articleId in articleIds)
        {
            await using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "INSERT INTO outbox_articles (outbox_id, article_id) VALUES (@id, @article)";
            link.Parameters.AddWithValue("@id", id);
            link.Parameters.AddWithValue("@article", articleId);
            await link.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, recipient, message_id, subject, mime, attempts, last_error FROM outbox WHERE status = @pending ORDER BY id";
        command.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), (byte[])reader.GetValue(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return messages;
    }

    public async Task MarkSentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE outbox SET status = @sent, sent_at = @now, attempts = attempts + 1, last_attempt_at = @now, last_error = NULL WHERE id = @id;
            INSERT INTO sent_articles (recipient, article_id, outbox_id, sent_at)
                SELECT o.recipient, oa.article_id, o.id, @now FROM outbox o JOIN outbox_articles oa ON oa.outbox_id = o.id WHERE o.id = @id
                ON CONFLICT (recipient, article_id) DO NOTHING;
            """;
        update.Parameters.AddWithValue("@sent", OutboxStatus.Sent);
        update.Parameters.AddWithValue("@now", Timestamps.Write(now));
        update.Parameters.AddWithValue("@id", id);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task MarkFailedAsync(long id, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @now, last_error = @error WHERE id = @id";
        update.Parameters.AddWithValue("@now", Timestamps.Write(now));
        update.Parameters.AddWithValue("@error", error);
        update.Parameters.AddWithValue("@id", id);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
