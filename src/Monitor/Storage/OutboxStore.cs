using System.Data.Common;

namespace Monitor.Storage;

/// <summary>
/// Tables <c>outbox</c>, <c>outbox_articles</c> and <c>sent_articles</c>: the exactly-once bookkeeping. A mail is
/// stored with the articles it covers before any attempt to send it; it is marked sent, and its articles recorded as
/// sent to that recipient, in one transaction after the server accepted it.
/// </summary>
public sealed class OutboxStore(MonitorDatabase database)
{
    /// <summary>
    /// Stores a composed mail with the articles it covers. Returns null, storing nothing, when another process queued
    /// or sent any of these articles to this recipient since they were read (e.g. <c>once</c> beside <c>run</c>):
    /// the check and the insert share one write transaction, so two composers cannot both win.
    /// </summary>
    public Task<long?> EnqueueAsync(string kind, string recipient, string messageId, string subject, byte[] mime, IReadOnlyCollection<long> articleIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnqueueAsync(kind, recipient, messageId, subject, mime, articleIds, now, repeatAlerted: false, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="repeatAlerted"/> (a digest under Alerts:RepeatInDigest), articles that reached this
    /// recipient in alerts only are accepted, and those in any other sent mail still refused.
    /// </summary>
    public async Task<long?> EnqueueAsync(string kind, string recipient, string messageId, string subject, byte[] mime, IReadOnlyCollection<long> articleIds, DateTimeOffset now,
        bool repeatAlerted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The database write lock (MonitorDatabase.BeginWriteAsync) is taken now, before the check.
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var id = await InsertAsync(connection, transaction, kind, recipient, messageId, subject, mime, articleIds, now, repeatAlerted, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// <see cref="EnqueueAsync"/> inside a transaction the caller holds (a digest slot's claim, see
    /// <see cref="DigestSlotStore"/>): on a conflict only this insert is undone, the caller's own writes stay.
    /// </summary>
    internal static async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, string kind, string recipient, string messageId, string subject, byte[] mime, IReadOnlyCollection<long> articleIds, DateTimeOffset now, bool repeatAlerted, CancellationToken cancellationToken)
    {
        const string savepoint = "enqueue";
        await transaction.SaveAsync(savepoint, cancellationToken);
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

        await using var conflicts = connection.CreateCommand();
        conflicts.Transaction = transaction;
        conflicts.CommandText = """
            SELECT COUNT(*) FROM outbox_articles oa
            WHERE oa.outbox_id = @id AND (
                (@repeatAlerted = 0 AND EXISTS (SELECT 1 FROM sent_articles s WHERE s.recipient = @recipient AND s.article_id = oa.article_id))
                OR (@repeatAlerted = 1 AND EXISTS (SELECT 1 FROM outbox_articles done JOIN outbox d ON d.id = done.outbox_id
                                                   WHERE d.recipient = @recipient AND d.status = @sent AND d.kind <> @alert AND done.article_id = oa.article_id))
                OR EXISTS (SELECT 1 FROM outbox_articles other JOIN outbox o ON o.id = other.outbox_id
                           WHERE o.recipient = @recipient AND o.status = @pending AND o.id <> @id AND other.article_id = oa.article_id))
            """;
        conflicts.Parameters.AddWithValue("@id", id);
        conflicts.Parameters.AddWithValue("@recipient", recipient);
        conflicts.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        conflicts.Parameters.AddWithValue("@repeatAlerted", repeatAlerted ? 1 : 0);
        conflicts.Parameters.AddWithValue("@sent", OutboxStatus.Sent);
        conflicts.Parameters.AddWithValue("@alert", OutboxKind.Alert);
        if ((long)(await conflicts.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            await transaction.RollbackAsync(savepoint, cancellationToken);
            return null;
        }
        await transaction.ReleaseAsync(savepoint, cancellationToken);
        return id;
    }

    /// <summary>
    /// Claims a pending message for sending until <paramref name="leaseUntil"/>, so that two processes never send it at
    /// the same time. A lease left by a process that died mid-send expires, and the message is sent again (same bytes,
    /// same Message-Id).
    /// </summary>
    public async Task<bool> TryLeaseAsync(long id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE outbox SET lease_owner = @owner, lease_until = @until
            WHERE id = @id AND status = @pending AND (lease_until IS NULL OR lease_until < @now)
            """;
        update.Parameters.AddWithValue("@owner", owner);
        update.Parameters.AddWithValue("@until", Timestamps.Write(leaseUntil));
        update.Parameters.AddWithValue("@now", Timestamps.Write(now));
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every pending message, due or not (<c>monitor once</c>: the user asked for a try now).</summary>
    public Task<IReadOnlyList<OutboxMessage>> PendingAsync(CancellationToken cancellationToken) => PendingAsync(null, cancellationToken);

    /// <summary>The pending messages whose next attempt is due at <paramref name="dueBy"/> (all of them when null), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(DateTimeOffset? dueBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, kind, recipient, message_id, subject, mime, attempts, last_error, next_attempt_at, lease_owner, lease_until FROM outbox
            WHERE status = @pending AND (CAST(@due AS TEXT) IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= @due)
            ORDER BY id
            """;
        command.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        command.Parameters.AddWithValue("@due", Timestamps.WriteNullable(dueBy));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), (byte[])reader.GetValue(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7))
            {
                NextAttemptAt = Timestamps.ReadNullable(reader.GetValue(8)),
                LeaseOwner = reader.IsDBNull(9) ? null : reader.GetString(9),
                LeaseUntil = Timestamps.ReadNullable(reader.GetValue(10)),
            });
        }
        return messages;
    }

    /// <summary>How many messages wait in the outbox, by kind (<see cref="OutboxKind"/>); a kind with none is absent.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PendingCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, COUNT(*) FROM outbox WHERE status = @pending GROUP BY kind";
        command.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>
    /// Takes over the lease of a message from <paramref name="goneOwner"/>, a process known to be gone (killed mid-send),
    /// without waiting for its lease to expire. Only if that process still holds it.
    /// </summary>
    public async Task<bool> TakeOverLeaseAsync(long id, string goneOwner, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE outbox SET lease_owner = @owner, lease_until = @until
            WHERE id = @id AND status = @pending AND lease_owner = @gone
            """;
        update.Parameters.AddWithValue("@owner", owner);
        update.Parameters.AddWithValue("@until", Timestamps.Write(leaseUntil));
        update.Parameters.AddWithValue("@gone", goneOwner);
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkSentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE outbox SET status = @sent, sent_at = @now, attempts = attempts + 1, last_attempt_at = @now, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL WHERE id = @id;
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

    /// <summary>
    /// Records a failed attempt, when the next one is due, and releases the lease, only if <paramref name="leaseOwner"/>
    /// still holds it.
    /// </summary>
    public async Task MarkFailedAsync(long id, string leaseOwner, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @now, last_error = @error, next_attempt_at = @next, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND status = @pending AND lease_owner = @owner
            """;
        update.Parameters.AddWithValue("@owner", leaseOwner);
        update.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        update.Parameters.AddWithValue("@now", Timestamps.Write(now));
        update.Parameters.AddWithValue("@next", Timestamps.Write(nextAttemptAt));
        update.Parameters.AddWithValue("@error", error);
        update.Parameters.AddWithValue("@id", id);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
