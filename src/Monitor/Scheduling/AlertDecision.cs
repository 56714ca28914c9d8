namespace Monitor.Scheduling;

/// <summary>Whether a recipient's alert goes out now, and if not, why and until when.</summary>
public sealed record AlertDecision(AlertHold Hold, DateTimeOffset Until)
{
    public bool SendNow => Hold == AlertHold.None;
}
