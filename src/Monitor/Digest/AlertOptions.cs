namespace Monitor.Digest;

/// <summary>
/// Section <c>Alerts</c>: mails sent soon after articles above a watchlist's <c>alert</c> threshold are found.
/// <code>"Alerts": { "BatchMinutes": 5, "MaxPerHour": 4, "MaxAgeHours": 24, "RepeatInDigest": false }</code>
/// A recipient opts out with <c>"Alerts": false</c> in <c>Digest:Recipients</c>.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// A hit waits until the oldest waiting hit of that recipient has waited this long, so that several hits found within
    /// a few minutes make one mail. 0: each poll's hits go out at once.
    /// </summary>
    public int BatchMinutes { get; set; } = 5;

    /// <summary>At most this many alert mails per recipient in any rolling hour; further hits wait (or go in the digest if it comes first).</summary>
    public int MaxPerHour { get; set; } = 4;

    /// <summary>Only articles found this recently can alert: older ones (a threshold lowered, a worker back after a stop) wait for the digest.</summary>
    public int MaxAgeHours { get; set; } = 24;

    /// <summary>Whether the next digest shows the articles already alerted too (each still in one digest at most).</summary>
    public bool RepeatInDigest { get; set; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (BatchMinutes is < 0 or > 1440)
            yield return (nameof(BatchMinutes), $"must be between 0 and 1440 minutes (got {BatchMinutes})");
        if (MaxPerHour is < 1 or > 60)
            yield return (nameof(MaxPerHour), $"must be between 1 and 60 (got {MaxPerHour})");
        if (MaxAgeHours is < 1 or > 168)
            yield return (nameof(MaxAgeHours), $"must be between 1 and 168 hours (got {MaxAgeHours})");
    }
}
