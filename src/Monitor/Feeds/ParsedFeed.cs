namespace Monitor.Feeds;

/// <summary>A feed's title and items, as parsed from one download.</summary>
public sealed record ParsedFeed(string? Title, string? Language, IReadOnlyList<FeedItem> Items);
