namespace Monitor.Storage;

/// <summary>Values of <c>outbox.kind</c> that the queries tell apart.</summary>
public static class OutboxKind
{
    public const string Digest = "digest";

    /// <summary>An alert: its articles count as sent like a digest's, except to a digest that repeats alerts (Alerts:RepeatInDigest).</summary>
    public const string Alert = "alert";
}
