namespace Monitor.Scheduling;

/// <summary>
/// When a recipient's alert hits are mailed: once the oldest has waited the batch window (so that several hits found
/// within a few minutes make one mail), and only while fewer than the allowed number of alerts went to them in the
/// last rolling hour. Pure, so that it is tested on a fixed clock.
/// </summary>
public static class AlertPolicy
{
    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(1);

    /// <param name="oldestHit">When the longest-waiting hit was found.</param>
    /// <param name="queuedAlerts">When the recipient's recent alerts were queued (at least the last hour's).</param>
    /// <param name="holdForBatch">False when a digest goes out right after (<c>monitor once</c>): waiting would gather nothing.</param>
    public static AlertDecision Decide(DateTimeOffset oldestHit, IReadOnlyList<DateTimeOffset> queuedAlerts, DateTimeOffset now,
        int batchMinutes, int maxPerHour, bool holdForBatch)
    {
        var batchEnds = oldestHit + TimeSpan.FromMinutes(batchMinutes);
        if (holdForBatch && now < batchEnds)
            return new AlertDecision(AlertHold.Batch, batchEnds);
        return RateLimitedUntil(queuedAlerts, now, maxPerHour) is { } until
            ? new AlertDecision(AlertHold.RateLimit, until)
            : new AlertDecision(AlertHold.None, now);
    }

    /// <summary>Until when the rate limit holds every alert of the recipient, whatever the hits; null: it does not.</summary>
    public static DateTimeOffset? RateLimitedUntil(IReadOnlyList<DateTimeOffset> queuedAlerts, DateTimeOffset now, int maxPerHour)
    {
        var inWindow = queuedAlerts.Where(t => t > now - RateWindow).Order().ToList();
        // Allowed again when enough of them have left the window to leave room for one more.
        return inWindow.Count >= maxPerHour ? inWindow[inWindow.Count - maxPerHour] + RateWindow : null;
    }
}
