using Monitor.Configuration;

namespace Monitor.Tests.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1d 2h", 93600)]
    [InlineData("00:15:00", 900)]
    public void TryParse_HumanDurations(string text, int seconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("often")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("99999999999m")]
    [InlineData("20000000d")]
    [InlineData("3651d")]
    [InlineData("99999999999999999999999s")]
    [InlineData("10675199.02:48:05")]
    public void TryParse_RejectsNonsenseWithoutThrowing(string text) => Assert.False(Duration.TryParse(text, out _));
}
