namespace Monitor.Storage;

/// <summary>A composed mail waiting in the outbox: the exact bytes to send (so a retry resends the same message, same Message-Id).</summary>
public sealed record OutboxMessage(long Id, string Kind, string Recipient, string MessageId, string Subject, byte[] Mime, int Attempts, string? LastError)
{
    /// <summary>When a failed mail may be tried again (backoff); null: now.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The process sending it right now, if any, and until when its lease holds.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }
}
