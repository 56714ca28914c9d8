using System.Data.Common;

namespace Monitor.Storage;

/// <summary>
/// Table <c>digest_slots</c>: one row per (recipient, scheduled digest time) whose digest was composed, or found to have
/// nothing new. The row is inserted in the same transaction that queues the digest, so a slot is either claimed with its
/// digest queued, or not claimed at all (a crash in between rolls both back and the slot stays open for catch-up).
/// </summary>
public sealed class DigestSlotStore(MonitorDatabase database)
{
    /// <summary>
    /// Claims a slot: takes the database write lock (waiting, within the busy timeout, for another process's claim to
    /// finish) and inserts (recipient, slot). Null when the slot was claimed already, by this process or another: only
    /// one process ever wins a slot, and the loser composes nothing. The winner composes, queues through the claim, and
    /// commits; disposing the claim without committing gives the slot back.
    /// </summary>
    public async Task<DigestSlotClaim?> TryClaimAsync(string recipient, DateTimeOffset slotAt, string owner, bool catchUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            // The database write lock (MonitorDatabase.BeginWriteAsync) is held from here to the commit.
            transaction = await database.BeginWriteAsync(connection, cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO digest_slots (recipient, slot_at, claimed_at, claimed_by, catch_up)
                VALUES (@recipient, @slot, @now, @owner, @catchUp)
                ON CONFLICT (recipient, slot_at) DO NOTHING
                """;
            insert.Parameters.AddWithValue("@recipient", recipient);
            insert.Parameters.AddWithValue("@slot", Timestamps.Write(slotAt));
            insert.Parameters.AddWithValue("@now", Timestamps.Write(now));
            insert.Parameters.AddWithValue("@owner", owner);
            insert.Parameters.AddWithValue("@catchUp", catchUp ? 1 : 0);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                return new DigestSlotClaim(connection, transaction, recipient, slotAt);
        }
        catch
        {
            if (transaction is not null)
                await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// On a recipient's first start (no slot of theirs recorded yet, by any process), records
    /// <paramref name="slotAt"/>, their last slot, as handled without composing: the schedule starts with the next
    /// slot, so a new install or a new recipient gets no "catch-up" of a slot no Monitor was meant to run. True when
    /// this call recorded it; false when the recipient already has slots (then missed ones are caught up).
    /// </summary>
    public async Task<bool> TryStartScheduleAsync(string recipient, DateTimeOffset slotAt, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement: the check and the insert cannot interleave with another process's.
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO digest_slots (recipient, slot_at, claimed_at, claimed_by, catch_up)
            SELECT @recipient, @slot, @now, @owner, 0
            WHERE NOT EXISTS (SELECT 1 FROM digest_slots WHERE recipient = @recipient)
            """;
        insert.Parameters.AddWithValue("@recipient", recipient);
        insert.Parameters.AddWithValue("@slot", Timestamps.Write(slotAt));
        insert.Parameters.AddWithValue("@now", Timestamps.Write(now));
        insert.Parameters.AddWithValue("@owner", FirstStartMark + owner);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Prefix of <c>claimed_by</c> on the slot recorded at a recipient's first start (nothing was composed for it).</summary>
    public const string FirstStartMark = "first-start:";

    /// <summary>Whether the slot was claimed (its digest queued, or nothing new found).</summary>
    public async Task<bool> IsClaimedAsync(string recipient, DateTimeOffset slotAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM digest_slots WHERE recipient = @recipient AND slot_at = @slot";
        query.Parameters.AddWithValue("@recipient", recipient);
        query.Parameters.AddWithValue("@slot", Timestamps.Write(slotAt));
        return (long)(await query.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}
