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

    /// <summary>The longest duration any setting accepts; anything longer is a typo, and would overflow date arithmetic.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    /// <summary>Parses a positive duration of at most <see cref="Max"/>; false for anything else, never an exception.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (text.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero && duration <= Max;
        var match = Pattern().Match(text);
        if (!match.Success || !(match.Groups["d"].Success || match.Groups["h"].Success || match.Groups["m"].Success || match.Groups["s"].Success))
            return false;
        long seconds = 0;
        foreach (var (name, unit) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L), ("s", 1L) })
        {
            if (!match.Groups[name].Success)
                continue;
            if (!long.TryParse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > Max.TotalSeconds / unit)
                return false;
            seconds += value * unit;
        }
        if (seconds <= 0 || seconds > Max.TotalSeconds)
            return false;
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalDays >= 1 && duration.TotalDays == Math.Floor(duration.TotalDays) ? $"{duration.TotalDays:0}d"
        : duration.TotalHours >= 1 && duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0}h"
        : duration.TotalMinutes >= 1 && duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalSeconds:0}s";
}
