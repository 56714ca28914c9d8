using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Configuration;

/// <summary>
/// Parses the human durations used across the config files: <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>1h30m</c>, <c>2d</c>,
/// and, for appsettings.json users who know .NET, <c>hh:mm:ss</c>.
/// </summary>
public static partial class Duration
{
    [GeneratedRegex(@"^\s*(?:(?<d>\d+)\s*d)?\s*(?:(?<h>\d+)\s*h)?\s*(?:(?<m>\d+)\s*m)?\s*(?:(?<s>\d+)\s*s)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (text.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || !(match.Groups["d"].Success || match.Groups["h"].Success || match.Groups["m"].Success || match.Groups["s"].Success))
            return false;
        static int Part(Match m, string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = new TimeSpan(Part(match, "d"), Part(match, "h"), Part(match, "m"), Part(match, "s"));
        return duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalDays >= 1 && duration.TotalDays == Math.Floor(duration.TotalDays) ? $"{duration.TotalDays:0}d"
        : duration.TotalHours >= 1 && duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0}h"
        : duration.TotalMinutes >= 1 && duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalSeconds:0}s";
}
