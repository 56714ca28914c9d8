namespace Monitor.Scheduling;

/// <summary>One attempt to deliver one outbox message.</summary>
public sealed record SendAttempt(long OutboxId, string Recipient, string MessageId, bool Delivered, string Detail);
