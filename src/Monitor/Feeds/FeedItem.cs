namespace Monitor.Feeds;

/// <summary>
/// One parsed article, text already out of HTML. <see cref="Key"/> identifies it across feeds: its canonical URL
/// without scheme and "www." when it has a link, else the GUID within its feed, else a hash of its content.
/// </summary>
public sealed record FeedItem(
    string Key,
    string? Guid,
    string? Url,
    string Title,
    string Summary,
    string Content,
    DateTimeOffset? Published,
    string? Author);
