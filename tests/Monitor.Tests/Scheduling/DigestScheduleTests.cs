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
}
