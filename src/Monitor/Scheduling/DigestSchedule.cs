using System.Globalization;
using Monitor.Digest;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// A recipient's digest slots as Quartz cron expressions in their own time zone (so 07:00 stays 07:00 across DST): one
/// per time of <see cref="RecipientOptions.DigestTime"/>, on the days of <see cref="RecipientOptions.DigestDays"/>.
/// A slot is identified by its scheduled instant; the cron trigger, the catch-up and the claims all use these same
/// expressions, so they agree on what a slot is.
/// </summary>
public static class DigestSchedule
{
    /// <summary>One cron expression per digest time, with that time.</summary>
    public static IReadOnlyList<(TimeOnly Time, CronExpression Cron)> For(RecipientOptions recipient)
    {
        var days = recipient.DigestDaysValue;
        // Quartz wants '?' in the day-of-month field when the day of the week is given.
        var (dayOfMonth, dayOfWeek) = days.Count == 0 ? ("*", "?") : ("?", string.Join(',', days.Select(d => ((int)d + 1).ToString(CultureInfo.InvariantCulture))));
        return recipient.DigestTimesValue
            .Select(at => (at, new CronExpression(string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} {dayOfMonth} * {dayOfWeek}"), recipient.TimeZoneValue)))
            .ToList();
    }

    /// <summary>When the recipient's next digest is due after <paramref name="after"/>.</summary>
    public static DateTimeOffset? Next(RecipientOptions recipient, DateTimeOffset after) =>
        For(recipient).Select(c => c.Cron.GetNextValidTimeAfter(after)).Where(t => t is not null).Min();

    /// <summary>
    /// The recipient's most recent slot at or before <paramref name="now"/>, no earlier than <paramref name="since"/>;
    /// null when there is none in that window. (Quartz's CronExpression cannot look backwards, so this walks forwards.)
    /// </summary>
    public static DateTimeOffset? Last(RecipientOptions recipient, DateTimeOffset since, DateTimeOffset now)
    {
        DateTimeOffset? last = null;
        foreach (var (_, cron) in For(recipient))
        {
            // GetNextValidTimeAfter is strictly after: start a second early so a slot exactly at 'since' counts.
            for (var t = cron.GetNextValidTimeAfter(since.AddSeconds(-1)); t is { } slot && slot <= now; t = cron.GetNextValidTimeAfter(slot))
            {
                if (last is null || slot > last)
                    last = slot;
            }
        }
        return last;
    }

    /// <summary>A slot as the recipient reads it, for the log: "2026-11-23 07:00 Europe/Paris".</summary>
    public static string Describe(RecipientOptions recipient, DateTimeOffset slotAt) =>
        TimeZoneInfo.ConvertTime(slotAt, recipient.TimeZoneValue).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + recipient.TimeZone;
}
