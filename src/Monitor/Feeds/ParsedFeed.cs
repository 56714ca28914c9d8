namespace Monitor.Feeds;

/// <summary>
/// A feed's title and items, as parsed from one download, and what had to be repaired to read it (empty when nothing).
/// <see cref="Ttl"/> is RSS &lt;ttl&gt;: how long the publisher says the feed may be cached.
/// </summary>
public sealed record ParsedFeed(string? Title, string? Language, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Repairs)
{
    public TimeSpan? Ttl { get; init; }
}
