using Monitor.Delivery;

namespace Monitor.Tests.Delivery;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(8, 60)]
    [InlineData(1000, 60)]
    public void After_DoublesFromTheFirstDelayUpToTheCap(int failedAttempts, int minutes)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromMinutes(minutes), backoff.After(failedAttempts));
    }

    [Fact]
    public void After_ZeroAttempts_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)).After(0));

    [Fact]
    public void SmtpOptions_DefaultBackoff_IsOneMinuteUpToOneHour() =>
        Assert.Equal(new RetryBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)), new SmtpOptions().RetryBackoff);

    [Theory]
    [InlineData("soon", "1h", "RetryFirstDelay", "must be a duration from 1m to 1d")]
    [InlineData("10s", "1h", "RetryFirstDelay", "got '10s'")]
    [InlineData("2d", "2d", "RetryFirstDelay", "got '2d'")]
    [InlineData("5m", "2m", "RetryMaxDelay", "must be a duration from RetryFirstDelay (5m) to 1d")]
    [InlineData("5m", "2d", "RetryMaxDelay", "got '2d'")]
    public void SmtpOptions_BadRetryDelays_NameTheKey(string first, string max, string key, string message)
    {
        var problem = Assert.Single(new SmtpOptions { RetryFirstDelay = first, RetryMaxDelay = max }.Validate());

        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message);
    }
}
