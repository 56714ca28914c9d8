using System.Globalization;
using Monitor.Digest;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>A recipient's daily digest as a Quartz cron expression in their own time zone (so 07:00 stays 07:00 across DST).</summary>
public static class DigestSchedule
{
    public static CronExpression For(RecipientOptions recipient)
    {
        var at = recipient.DigestTimeValue;
        return new CronExpression(string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} * * ?"), recipient.TimeZoneValue);
    }

    /// <summary>When the recipient's next digest is due after <paramref name="after"/>.</summary>
    public static DateTimeOffset? Next(RecipientOptions recipient, DateTimeOffset after) => For(recipient).GetNextValidTimeAfter(after);
}
