namespace Monitor.Storage;

/// <summary>Values of <c>outbox.status</c>.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
}
