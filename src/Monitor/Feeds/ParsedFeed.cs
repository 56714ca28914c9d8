namespace Monitor.Feeds;

/// <summary>A feed's title and items, as parsed from one download, and what had to be repaired to read it (empty when nothing).</summary>
public sealed record ParsedFeed(string? Title, string? Language, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Repairs);
