using System.Globalization;

namespace Monitor.Storage;

/// <summary>Timestamps are stored as ISO 8601 UTC text ("O" format): portable, readable, and they sort as they compare.</summary>
internal static class Timestamps
{
    public static string Write(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static object WriteNullable(DateTimeOffset? value) => value is { } v ? Write(v) : DBNull.Value;

    public static DateTimeOffset Read(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ReadNullable(object value) => value is string s ? Read(s) : null;
}
