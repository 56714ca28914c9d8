using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Feeds;

/// <summary>
/// Parses feed dates ourselves: FeedReader throws on some unparseable dates and fails the whole feed, and ignores
/// named zones. Handles RFC 822/1123 (with or without weekday, two-digit years, named zones such as EST, PDT, CEST)
/// and ISO 8601. Anything else is "unknown" (null), never an error.
/// </summary>
public static partial class FeedDateParser
{
    private static readonly Dictionary<string, int> ZoneOffsetsMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["CET"] = 60, ["CEST"] = 120,
        ["MET"] = 60, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["IST"] = 330, ["CST"] = -360,
        ["CDT"] = -300, ["EST"] = -300, ["EDT"] = -240, ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480, ["SGT"] = 480,
        ["AEST"] = 600, ["AEDT"] = 660,
    };

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s+)?(?<day>\d{1,2})\s+(?<month>[A-Za-z]{3,9})\.?\s+(?<year>\d{2,4})\s+(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?\s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$")]
    private static partial Regex Rfc822();

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = text.Trim();

        var match = Rfc822().Match(value);
        if (match.Success)
            return FromRfc822(match);

        if (DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
            return iso;

        return null;
    }

    private static DateTimeOffset? FromRfc822(Match match)
    {
        var monthName = match.Groups["month"].Value.ToLowerInvariant();
        var month = Array.FindIndex(Months, m => monthName.StartsWith(m, StringComparison.Ordinal)) + 1;
        if (month == 0)
            return null;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100)
            year += year < 50 ? 2000 : 1900;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (year is < 1970 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            return null;

        var offset = TimeSpan.Zero;
        var zone = match.Groups["zone"].Value;
        if (zone.Length > 0)
        {
            if (zone[0] is '+' or '-')
            {
                var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
                var minutes = int.Parse(digits[..2], CultureInfo.InvariantCulture) * 60 + int.Parse(digits[2..], CultureInfo.InvariantCulture);
                if (minutes > 14 * 60)
                    return null;
                offset = TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
            }
            else if (ZoneOffsetsMinutes.TryGetValue(zone, out var named))
                offset = TimeSpan.FromMinutes(named);
            // Military single letters and unknown abbreviations: read as UTC rather than failing (RFC 1123 §5.2.14).
        }

        try
        {
            return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            // e.g. 31 Dec 9999 23:00 EST is past DateTimeOffset.MaxValue in UTC.
            return null;
        }
    }
}
