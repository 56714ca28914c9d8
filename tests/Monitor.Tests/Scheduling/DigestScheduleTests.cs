using Monitor.Digest;
using Monitor.Scheduling;

namespace Monitor.Tests.Scheduling;

public sealed class DigestScheduleTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Winter: Paris is UTC+1, so 07:00 is 06:00Z; after today's digest, the next is tomorrow's.
    [InlineData("07:00", "Europe/Paris", "2026-11-23T10:00:00Z", "2026-11-24T06:00:00Z")]
    [InlineData("07:00", "Europe/Paris", "2026-11-23T05:59:00Z", "2026-11-23T06:00:00Z")]
    // Summer: UTC+2.
    [InlineData("07:00", "Europe/Paris", "2026-07-01T00:00:00Z", "2026-07-01T05:00:00Z")]
    // Across the spring DST change (29 March 2026): still 07:00 local.
    [InlineData("07:00", "Europe/Paris", "2026-03-28T07:00:00Z", "2026-03-29T05:00:00Z")]
    [InlineData("18:30", "America/New_York", "2026-11-23T12:00:00Z", "2026-11-23T23:30:00Z")]
    public void Next_IsTheDigestTimeInTheRecipientsZone(string time, string zone, string after, string expected)
    {
        var recipient = new RecipientOptions { Address = "a@example.org", DigestTime = time, TimeZone = zone };

        Assert.Equal(Utc(expected), DigestSchedule.Next(recipient, Utc(after)));
    }

    [Fact]
    public void Next_WithSeveralTimes_IsTheNextOfThem()
    {
        var recipient = new RecipientOptions { Address = "a@example.org", DigestTime = "07:00, 13:00, 19:00", TimeZone = "Europe/Paris" };

        Assert.Equal(Utc("2026-11-23T12:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-23T06:00:00Z")));
        Assert.Equal(Utc("2026-11-23T18:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-23T12:00:00Z")));
        Assert.Equal(Utc("2026-11-24T06:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-23T18:00:00Z")));
        Assert.Equal(3, DigestSchedule.For(recipient).Count);
    }

    [Fact]
    public void Next_Weekly_SkipsToTheListedDay()
    {
        // 23 November 2026 is a Monday.
        var recipient = new RecipientOptions { Address = "a@example.org", DigestTime = "07:00", DigestDays = ["Monday"], TimeZone = "Europe/Paris" };

        Assert.Equal(Utc("2026-11-30T06:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-23T06:00:00Z")));
        Assert.Equal(Utc("2026-11-23T06:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-20T06:00:00Z")));
    }

    [Fact]
    public void Next_OnSeveralDays_IsEachOfThem()
    {
        var recipient = new RecipientOptions { Address = "a@example.org", DigestTime = "07:00", DigestDays = ["Friday", "sunday"], TimeZone = "Etc/UTC" };

        Assert.Equal(Utc("2026-11-27T07:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-23T08:00:00Z")));
        Assert.Equal(Utc("2026-11-29T07:00:00Z"), DigestSchedule.Next(recipient, Utc("2026-11-27T07:00:00Z")));
    }

    [Theory]
    // Daily 07:00 Paris (06:00Z in winter): the last slot is today's once it passed, else yesterday's.
    [InlineData("07:00", "", "2026-11-23T10:00:00Z", 7, "2026-11-23T06:00:00Z")]
    [InlineData("07:00", "", "2026-11-23T05:59:00Z", 7, "2026-11-22T06:00:00Z")]
    [InlineData("07:00", "", "2026-11-23T06:00:00Z", 7, "2026-11-23T06:00:00Z")]
    [InlineData("07:00, 13:00", "", "2026-11-23T12:30:00Z", 7, "2026-11-23T12:00:00Z")]
    // Weekly on Monday, asked on Wednesday: Monday's slot, if the window reaches it.
    [InlineData("07:00", "Monday", "2026-11-25T10:00:00Z", 7, "2026-11-23T06:00:00Z")]
    [InlineData("07:00", "Monday", "2026-11-25T10:00:00Z", 1, null)]
    public void Last_IsTheMostRecentSlotInTheWindow(string times, string days, string now, int windowDays, string? expected)
    {
        var recipient = new RecipientOptions
        {
            Address = "a@example.org", DigestTime = times, TimeZone = "Europe/Paris",
            DigestDays = days.Length == 0 ? [] : [.. days.Split(',')],
        };

        Assert.Equal(expected is null ? null : Utc(expected), DigestSchedule.Last(recipient, Utc(now).AddDays(-windowDays), Utc(now)));
    }

    [Fact]
    public void Describe_IsTheSlotInTheRecipientsZone()
    {
        var recipient = new RecipientOptions { Address = "a@example.org", TimeZone = "Europe/Paris" };

        Assert.Equal("2026-11-23 07:00 Europe/Paris", DigestSchedule.Describe(recipient, Utc("2026-11-23T06:00:00Z")));
    }
}
