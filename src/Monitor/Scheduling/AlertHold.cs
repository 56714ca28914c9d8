namespace Monitor.Scheduling;

/// <summary>Why a recipient's alert hits are not mailed yet.</summary>
public enum AlertHold
{
    /// <summary>Not held: mail them now.</summary>
    None,

    /// <summary>The oldest hit has not waited Alerts:BatchMinutes yet; hits found meanwhile join the same mail.</summary>
    Batch,

    /// <summary>Alerts:MaxPerHour alerts went to this recipient in the last hour.</summary>
    RateLimit,
}
