using System.Globalization;
using System.Net.Mail;

namespace Monitor.Digest;

/// <summary>
/// One recipient in <c>Digest:Recipients</c>:
/// <code>{ "Address": "analyst@example.org", "Name": "Analyst", "Watchlists": ["export-controls"], "DigestTime": "07:00", "TimeZone": "Europe/Paris", "Alerts": true }</code>
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

    /// <summary>Whether this recipient gets alerts (section <c>Alerts</c>) besides the digest.</summary>
    public bool Alerts { get; set; } = true;

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
        for (var i = 0; i < Watchlists.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Watchlists[i]))
                yield return ($"{nameof(Watchlists)}:{i}", "must not be empty");
        }
    }
}
