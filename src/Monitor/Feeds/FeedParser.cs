namespace Monitor.Feeds;

/// <summary>Detects a downloaded feed's format and hands it to the parser for it: JSON Feed, else XML (RSS, Atom).</summary>
public sealed class FeedParser(XmlFeedParser xml, JsonFeedParser json)
{
    /// <param name="feedUrl">The feed's identity (its feeds.yaml URL): GUIDs are scoped to it.</param>
    /// <param name="servedFrom">The address that answered, after redirects: relative links resolve against it.</param>
    public ParsedFeed Parse(string text, Uri feedUrl, Uri? servedFrom = null)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.Length > 0 && start[0] == '{' ? json.Parse(text, feedUrl, servedFrom ?? feedUrl) : xml.Parse(text, feedUrl, servedFrom ?? feedUrl);
    }
}
