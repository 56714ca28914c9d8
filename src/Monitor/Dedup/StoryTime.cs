namespace Monitor.Dedup;

/// <summary>When a text came out: its publication date when the feed gave one, and when Monitor found it (neither for a seed).</summary>
public readonly record struct StoryTime(DateTimeOffset? Published, DateTimeOffset? Found)
{
    public static readonly StoryTime Unknown = new(null, null);

    /// <summary>
    /// Days between two texts, or null when it cannot be told. Two dated texts: their publication dates. Two undated:
    /// when they were found. One of each: an undated text was published at the latest when it was found, so that only
    /// says it is older than the dated one by at least the difference; a dated text before the undated one's finding
    /// may be its twin or months older.
    /// </summary>
    public static double? Gap(StoryTime a, StoryTime b)
    {
        if (a.Published is { } pa && b.Published is { } pb)
            return Math.Abs((pa - pb).TotalDays);
        if (a.Published is null && b.Published is null)
            return a.Found is { } fa && b.Found is { } fb ? Math.Abs((fa - fb).TotalDays) : null;
        var (dated, undatedFound) = a.Published is { } p ? (p, b.Found) : (b.Published!.Value, a.Found);
        return undatedFound is { } found && found < dated ? (dated - found).TotalDays : null;
    }
}
