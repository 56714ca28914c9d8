namespace Monitor.Scheduling;

/// <summary>
/// When a feed is polled next: its interval after a success; after failures, the interval doubled per consecutive
/// failure, capped at 6 hours, so a broken site is not hammered but is never given up on (Miniflux stops polling a
/// feed after a few errors; users hate that). The ingestion issue adds TTL, Retry-After and Cache-Control.
/// </summary>
public static class PollIntervalCalculator
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    public static DateTimeOffset NextPoll(DateTimeOffset now, TimeSpan interval, int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
            return now + interval;
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 10));
        var delay = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxBackoff.Ticks));
        return now + (delay > interval ? delay : interval);
    }
}
