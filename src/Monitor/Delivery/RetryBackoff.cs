namespace Monitor.Delivery;

/// <summary>
/// How long a mail that could not be sent waits before the next attempt: <see cref="First"/> after the first failure,
/// doubled after each further one, never more than <see cref="Max"/> (1, 2, 4, 8 … minutes, then every hour, by
/// default). No jitter: a handful of digests per cycle cannot stampede a mail server.
/// </summary>
public sealed record RetryBackoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>The delay after the <paramref name="failedAttempts"/>-th failed attempt (1 for the first).</summary>
    public TimeSpan After(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // Past 2^20 times the first delay, any sane cap has been reached; stopping there keeps the arithmetic in range.
        var doublings = Math.Min(failedAttempts - 1, 20);
        var delay = First * Math.Pow(2, doublings);
        return delay < Max ? delay : Max;
    }
}
