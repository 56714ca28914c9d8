using System.Globalization;
using System.Net.Mail;

namespace Monitor.Digest;

/// <summary>
/// One recipient in <c>Digest:Recipients</c>:
/// <code>{ "Address": "analyst@example.org", "Name": "Analyst", "Watchlists": ["export-controls"], "DigestTime": "07:00", "DigestDays": [], "TimeZone": "Europe/Paris",
///   "Alerts": true, "Language": "fr", "Thresholds": { "export-controls": 6 } }</code>
/// An empty <c>Watchlists</c> means all of them. Schedules: <c>"DigestTime": "07:00"</c> is daily at 07:00;
/// <c>"07:00, 13:00, 19:00"</c> is three digests a day; <c>"DigestDays": ["Monday"]</c> limits them to those days
/// (empty: every day), e.g. a weekly digest.
/// </summary>
public sealed class RecipientOptions
{
    public string Address { get; set; } = "";

    public string? Name { get; set; }

    public List<string> Watchlists { get; set; } = [];

    /// <summary>Local time of the digest, HH:mm, in <see cref="TimeZone"/>; several separated by commas ("07:00, 13:00").</summary>
    public string DigestTime { get; set; } = "07:00";

    /// <summary>Days of the week the digest goes out (English names: "Monday" … "Sunday"); empty: every day.</summary>
    public List<string> DigestDays { get; set; } = [];

    /// <summary>IANA time zone of the recipient (digest time and the dates shown in the digest).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Whether this recipient gets alerts (section <c>Alerts</c>) besides the digest.</summary>
    public bool Alerts { get; set; } = true;

    /// <summary>Language of the digest's labels, dates, numbers and subject: <c>en</c> (default) or <c>fr</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// Per-watchlist digest thresholds for this recipient, over the watchlist's own <c>threshold</c>
    /// (<c>{ "ai-chips": 6 }</c>). Names must exist in watchlists.yaml.
    /// </summary>
    public Dictionary<string, double> Thresholds { get; set; } = [];

    /// <summary>This recipient's digest threshold for <paramref name="watchlist"/>, when they set one (names compared without regard to case).</summary>
    public double? ThresholdFor(string watchlist) =>
        Thresholds.FirstOrDefault(t => string.Equals(t.Key, watchlist, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found ? found.Value : null;

    /// <summary>The address as the store knows it: case differences in the config must not re-send what was sent.</summary>
    public string Key => Address.Trim().ToLowerInvariant();

    /// <summary>The times of <see cref="DigestTime"/>, in order, without repeats.</summary>
    public IReadOnlyList<TimeOnly> DigestTimesValue =>
        DigestTime.Split(',').Select(t => TimeOnly.ParseExact(t.Trim(), "HH:mm", CultureInfo.InvariantCulture)).Distinct().Order().ToList();

    /// <summary>The days of <see cref="DigestDays"/>; empty: every day.</summary>
    public IReadOnlyList<DayOfWeek> DigestDaysValue => DigestDays.Select(d => Enum.Parse<DayOfWeek>(d.Trim(), ignoreCase: true)).Distinct().Order().ToList();

    public TimeZoneInfo TimeZoneValue => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Address) || Address != Address.Trim() || !MailAddress.TryCreate(Address, out var parsed)
            || parsed.Address != Address || !string.IsNullOrEmpty(parsed.DisplayName))
            yield return (nameof(Address), $"must be a bare e-mail address such as analyst@example.org, without spaces or a name (got '{Address}'; put the name in Name)");
        var times = (DigestTime ?? "").Split(',').Select(t => t.Trim()).ToList();
        if (times.Any(t => !TimeOnly.TryParseExact(t, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            yield return (nameof(DigestTime), $"must be a time HH:mm such as 07:00, or several separated by commas such as 07:00, 13:00 (got '{DigestTime}')");
        else if (times.Distinct(StringComparer.Ordinal).Count() != times.Count)
            yield return (nameof(DigestTime), $"lists the same time twice (got '{DigestTime}')");
        for (var i = 0; i < DigestDays.Count; i++)
        {
            // Names only: Enum.TryParse would also take "1" or "Monday, Friday".
            if (!Enum.GetNames<DayOfWeek>().Contains(DigestDays[i]?.Trim(), StringComparer.OrdinalIgnoreCase))
                yield return ($"{nameof(DigestDays)}:{i}", $"must be a day of the week: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday (got '{DigestDays[i]}')");
            else if (DigestDays.Take(i).Contains(DigestDays[i].Trim(), StringComparer.OrdinalIgnoreCase))
                yield return ($"{nameof(DigestDays)}:{i}", $"'{DigestDays[i]}' is listed twice");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return (nameof(TimeZone), $"unknown time zone '{TimeZone}' (use an IANA name such as Europe/Paris)");
        if (!DigestLabels.Languages.Contains(Language))
            yield return (nameof(Language), $"must be one of {string.Join(", ", DigestLabels.Languages)} (got '{Language}')");
        foreach (var (name, threshold) in Thresholds)
        {
            if (!double.IsFinite(threshold) || threshold <= 0)
                yield return ($"{nameof(Thresholds)}:{name}", $"must be a number above 0, like a watchlist's threshold (got {threshold.ToString(CultureInfo.InvariantCulture)})");
        }
        for (var i = 0; i < Watchlists.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Watchlists[i]))
                yield return ($"{nameof(Watchlists)}:{i}", "must not be empty");
        }
    }
}
