namespace Monitor.Feeds;

/// <summary>The feeds in force, as loaded and validated from feeds.yaml.</summary>
public sealed record FeedList(IReadOnlyList<FeedDefinition> Feeds);
