namespace Monitor.Feeds;

/// <summary>Detects a downloaded feed's format and hands it to the parser for it: JSON Feed, else XML (RSS, Atom).</summary>
public sealed class FeedParser(XmlFeedParser xml, JsonFeedParser json)
{
    public ParsedFeed Parse(string text, Uri feedUrl)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.Length > 0 && start[0] == '{' ? json.Parse(text, feedUrl) : xml.Parse(text, feedUrl);
    }
}
