namespace Monitor.Scheduling;

/// <summary>
/// When a feed is polled next, like miniflux's ScheduleNextCheck: after a success, its interval (adapted to its
/// publishing rhythm unless set explicitly) raised by RSS &lt;ttl&gt; and Cache-Control max-age; after failures, the
/// interval doubled per consecutive failure with ±10% jitter (so feeds that failed together do not retry together),
/// capped at 24 hours, and never sooner than the server's Retry-After. A failing feed is never given up on
/// (miniflux stops after a few errors; users hate that); it returns to its interval once it recovers.
/// </summary>
public static class PollIntervalCalculator
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    public static DateTimeOffset AfterSuccess(DateTimeOffset now, TimeSpan interval, TimeSpan? ttl, TimeSpan? maxAge)
    {
        // The publisher's hints may only make us poll less often, and not less than daily.
        var hint = Max(ttl ?? TimeSpan.Zero, maxAge ?? TimeSpan.Zero);
        return now + Max(interval, hint > MaxBackoff ? MaxBackoff : hint);
    }

    /// <param name="jitter">A number in [-1, 1]; the delay varies by ±10% of it.</param>
    public static DateTimeOffset AfterFailure(DateTimeOffset now, TimeSpan interval, int consecutiveFailures, TimeSpan? retryAfter, double jitter)
    {
        var factor = Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 20));
        var backoff = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxBackoff.Ticks));
        backoff = TimeSpan.FromTicks((long)(backoff.Ticks * (1 + 0.1 * Math.Clamp(jitter, -1, 1))));
        var delay = Max(Max(backoff, interval), retryAfter ?? TimeSpan.Zero);
        return now + (delay > MaxBackoff ? MaxBackoff : delay);
    }

    /// <summary>
    /// Half the median gap between the most recent publication dates (up to 20), within [min, max]; the fallback when
    /// fewer than three dated items give no rhythm. A feed that publishes every two hours is polled hourly.
    /// </summary>
    public static TimeSpan AdaptiveInterval(IEnumerable<DateTimeOffset> publicationDates, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (MedianGap(publicationDates) is not { } median)
            return fallback;
        var interval = median / 2;
        return interval < min ? min : interval > max ? max : interval;
    }

    /// <summary>The feed's usual time between two items: the median gap between its most recent (up to 20) dates; null below three dates.</summary>
    public static TimeSpan? MedianGap(IEnumerable<DateTimeOffset> publicationDates)
    {
        var dates = publicationDates.Distinct().OrderDescending().Take(20).ToList();
        if (dates.Count < 3)
            return null;
        var gaps = dates.Zip(dates.Skip(1), (newer, older) => newer - older).Order().ToList();
        return gaps[gaps.Count / 2];
    }

    /// <summary>
    /// Whether a working feed has gone quiet: nothing new for ten times its usual gap, and at least two days (a feed
    /// that posts hourly and stops for a night is not silent). A site that moved its feed often looks like this.
    /// </summary>
    public static bool IsSilent(DateTimeOffset now, DateTimeOffset? lastItemAt, TimeSpan? usualGap) =>
        lastItemAt is { } last && usualGap is { } gap && now - last > Max(gap * 10, TimeSpan.FromDays(2));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
