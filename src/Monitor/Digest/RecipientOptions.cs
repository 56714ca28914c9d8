using System.Globalization;
using System.Net.Mail;

namespace Monitor.Digest;

/// <summary>
/// One recipient in <c>Digest:Recipients</c>:
/// <code>{ "Address": "analyst@example.org", "Name": "Analyst", "Watchlists": ["export-controls"], "DigestTime": "07:00", "TimeZone": "Europe/Paris",
///   "Language": "fr", "Thresholds": { "export-controls": 6 } }</code>
/// An empty <c>Watchlists</c> means all of them.
/// </summary>
public sealed class RecipientOptions
{
    public string Address { get; set; } = "";

    public string? Name { get; set; }

    public List<string> Watchlists { get; set; } = [];

    /// <summary>Local time of the daily digest, HH:mm, in <see cref="TimeZone"/>.</summary>
    public string DigestTime { get; set; } = "07:00";

    /// <summary>IANA time zone of the recipient (digest time and the dates shown in the digest).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

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

    public TimeOnly DigestTimeValue => TimeOnly.ParseExact(DigestTime, "HH:mm", CultureInfo.InvariantCulture);

    public TimeZoneInfo TimeZoneValue => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Address) || Address != Address.Trim() || !MailAddress.TryCreate(Address, out var parsed)
            || parsed.Address != Address || !string.IsNullOrEmpty(parsed.DisplayName))
            yield return (nameof(Address), $"must be a bare e-mail address such as analyst@example.org, without spaces or a name (got '{Address}'; put the name in Name)");
        if (!TimeOnly.TryParseExact(DigestTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return (nameof(DigestTime), $"must be a time HH:mm such as 07:00 (got '{DigestTime}')");
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
