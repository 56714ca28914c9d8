namespace Monitor.Storage;

/// <summary>A composed mail waiting in the outbox: the exact bytes to send (so a retry resends the same message, same Message-Id).</summary>
public sealed record OutboxMessage(long Id, string Kind, string Recipient, string MessageId, string Subject, byte[] Mime, int Attempts, string? LastError);
