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
        var inWindow = queuedAlerts.Where(t => t > now - RateWindow).Order().ToList();
        if (inWindow.Count >= maxPerHour)
        {
            // Allowed again when enough of them have left the window to leave room for one more.
            return new AlertDecision(AlertHold.RateLimit, inWindow[inWindow.Count - maxPerHour] + RateWindow);
        }
        return new AlertDecision(AlertHold.None, now);
    }
}
