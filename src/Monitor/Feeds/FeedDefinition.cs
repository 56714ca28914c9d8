namespace Monitor.Feeds;

/// <summary>One entry of feeds.yaml, validated: an absolute http(s) URL and the polling interval in force.</summary>
public sealed record FeedDefinition(Uri Url, string? Name, string? Language, TimeSpan Interval);
