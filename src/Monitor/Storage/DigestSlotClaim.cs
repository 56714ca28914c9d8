using System.Data.Common;

namespace Monitor.Storage;

/// <summary>
/// A digest slot won by this process (<see cref="DigestSlotStore.TryClaimAsync"/>), holding the write transaction:
/// the digest is queued through it and the claim committed with it. Disposed without <see cref="CommitAsync"/>, the
/// claim and anything queued through it are rolled back.
/// </summary>
public sealed class DigestSlotClaim : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    internal DigestSlotClaim(DbConnection connection, DbTransaction transaction, string recipient, DateTimeOffset slotAt) =>
        (_connection, _transaction, Recipient, SlotAt) = (connection, transaction, recipient, slotAt);

    public string Recipient { get; }

    public DateTimeOffset SlotAt { get; }

    /// <summary>
    /// Queues the slot's digest in the claim's transaction, as <see cref="OutboxStore.EnqueueAsync"/> does; null when some
    /// of its articles were queued or sent to this recipient by another process meanwhile (the slot stays claimed).
    /// <paramref name="repeatAlerted"/> as in <see cref="OutboxStore.EnqueueAsync(string, string, string, string, byte[], IReadOnlyCollection{long}, DateTimeOffset, bool, CancellationToken)"/>.
    /// </summary>
    public async Task<long?> EnqueueAsync(string kind, string messageId, string subject, byte[] mime, IReadOnlyCollection<long> articleIds, DateTimeOffset now, bool repeatAlerted, CancellationToken cancellationToken)
    {
        var id = await OutboxStore.InsertAsync(_connection, _transaction, kind, Recipient, messageId, subject, mime, articleIds, now, repeatAlerted, cancellationToken);
        if (id is null)
            return null;
        await using var link = _connection.CreateCommand();
        link.Transaction = _transaction;
        link.CommandText = "UPDATE digest_slots SET outbox_id = @id WHERE recipient = @recipient AND slot_at = @slot";
        link.Parameters.AddWithValue("@id", id.Value);
        link.Parameters.AddWithValue("@recipient", Recipient);
        link.Parameters.AddWithValue("@slot", Timestamps.Write(SlotAt));
        await link.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
