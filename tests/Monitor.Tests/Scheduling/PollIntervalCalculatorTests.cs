using Monitor.Scheduling;

namespace Monitor.Tests.Scheduling;

public sealed class PollIntervalCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 360)]
    [InlineData(50, 360)]
    public void NextPoll_BacksOffAfterFailures_UpToSixHours(int failures, int expectedMinutes) =>
        Assert.Equal(Now.AddMinutes(expectedMinutes), PollIntervalCalculator.NextPoll(Now, TimeSpan.FromMinutes(30), failures));

    [Fact]
    public void NextPoll_NeverSoonerThanTheInterval() =>
        Assert.Equal(Now.AddHours(12), PollIntervalCalculator.NextPoll(Now, TimeSpan.FromHours(12), 3));
}
