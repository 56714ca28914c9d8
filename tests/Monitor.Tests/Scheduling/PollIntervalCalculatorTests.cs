using Monitor.Scheduling;

namespace Monitor.Tests.Scheduling;

public sealed class PollIntervalCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)]
    [InlineData(50, 1440)]
    public void AfterFailure_DoublesPerFailure_UpTo24Hours(int failures, int expectedMinutes) =>
        Assert.Equal(Now.AddMinutes(expectedMinutes), PollIntervalCalculator.AfterFailure(Now, HalfHour, failures, null, jitter: 0));

    [Theory]
    [InlineData(1.0, 132)]
    [InlineData(-1.0, 108)]
    public void AfterFailure_JitterSpreadsByTenPercent(double jitter, int expectedMinutes) =>
        Assert.Equal(Now.AddMinutes(expectedMinutes), PollIntervalCalculator.AfterFailure(Now, HalfHour, 3, null, jitter));

    [Fact]
    public void AfterFailure_NeverSoonerThanRetryAfter() =>
        Assert.Equal(Now.AddHours(3), PollIntervalCalculator.AfterFailure(Now, HalfHour, 1, TimeSpan.FromHours(3), 0));

    [Fact]
    public void AfterFailure_RetryAfterIsCappedAtADay() =>
        Assert.Equal(Now.AddHours(24), PollIntervalCalculator.AfterFailure(Now, HalfHour, 1, TimeSpan.FromDays(30), 0));

    [Fact]
    public void AfterSuccess_TtlAndMaxAgeOnlyMakeItLonger()
    {
        Assert.Equal(Now.AddMinutes(30), PollIntervalCalculator.AfterSuccess(Now, HalfHour, null, null));
        Assert.Equal(Now.AddMinutes(30), PollIntervalCalculator.AfterSuccess(Now, HalfHour, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.Equal(Now.AddHours(2), PollIntervalCalculator.AfterSuccess(Now, HalfHour, TimeSpan.FromHours(2), null));
        Assert.Equal(Now.AddHours(3), PollIntervalCalculator.AfterSuccess(Now, HalfHour, TimeSpan.FromHours(2), TimeSpan.FromHours(3)));
        Assert.Equal(Now.AddHours(24), PollIntervalCalculator.AfterSuccess(Now, HalfHour, TimeSpan.FromDays(5), null));
    }

    [Fact]
    public void AdaptiveInterval_IsHalfTheMedianGap()
    {
        var everyTwoHours = Enumerable.Range(0, 10).Select(i => Now.AddHours(-2 * i));

        Assert.Equal(TimeSpan.FromHours(1), PollIntervalCalculator.AdaptiveInterval(everyTwoHours, HalfHour, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void AdaptiveInterval_StaysWithinMinAndMax()
    {
        var everyMinute = Enumerable.Range(0, 10).Select(i => Now.AddMinutes(-i));
        var weekly = Enumerable.Range(0, 10).Select(i => Now.AddDays(-7 * i));

        Assert.Equal(TimeSpan.FromMinutes(5), PollIntervalCalculator.AdaptiveInterval(everyMinute, HalfHour, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)));
        Assert.Equal(TimeSpan.FromHours(24), PollIntervalCalculator.AdaptiveInterval(weekly, HalfHour, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)));
    }

    [Theory]
    [InlineData(25, 2, true)]     // daily feed, quiet for 25 days
    [InlineData(5, 2, false)]     // daily feed, quiet for 5 days: under ten gaps
    [InlineData(1.5, 0.01, false)] // hourly-ish feed quiet for a day and a half: under the two-day floor
    [InlineData(2.5, 0.01, true)]
    public void IsSilent_TenUsualGapsAndAtLeastTwoDays(double quietDays, double gapDays, bool silent) =>
        Assert.Equal(silent, PollIntervalCalculator.IsSilent(Now, Now.AddDays(-quietDays), TimeSpan.FromDays(gapDays)));

    [Fact]
    public void IsSilent_WithoutARhythmIsNeverSilent() =>
        Assert.False(PollIntervalCalculator.IsSilent(Now, Now.AddDays(-300), null));

    [Fact]
    public void AdaptiveInterval_WithoutARhythm_KeepsTheFallback() =>
        Assert.Equal(HalfHour, PollIntervalCalculator.AdaptiveInterval([Now, Now.AddHours(-5)], HalfHour, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)));
}
