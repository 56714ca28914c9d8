namespace Monitor.Feeds;

/// <summary>
/// One entry of feeds.yaml, validated: an absolute http(s) URL and the polling interval in force.
/// <see cref="IntervalIsExplicit"/>: the interval was written in feeds.yaml, so it is used as is rather than adapted
/// to the feed's publishing rhythm. <see cref="FullText"/>: fetch each new item's page and read its main text, for
/// feeds that publish only a line of summary.
/// </summary>
public sealed record FeedDefinition(Uri Url, string? Name, string? Language, TimeSpan Interval, bool IntervalIsExplicit = false, bool FullText = false);
