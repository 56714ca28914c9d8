using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using Monitor.Text;

namespace Monitor.Feeds;

/// <summary>
/// Parses an XML feed (RSS 0.9x/1.0/2.0, Atom) with CodeHollow.FeedReader and fixes what it gets wrong:
/// <list type="bullet">
/// <item>the document is first read by our own XmlReader with DTDs ignored and no resolver, so no external entity is
/// fetched and no entity is expanded; FeedReader only ever sees the re-serialised, DTD-free document;</item>
/// <item><c>content:encoded</c> is read from the raw element (FeedReader decodes it twice);</item>
/// <item>Atom links: the <c>rel="alternate"</c> link is preferred (FeedReader takes the first, whatever its rel);</item>
/// <item>dates are parsed by <see cref="FeedDateParser"/> from the raw elements; Atom <c>updated</c> stands in for a
/// missing <c>published</c>; an unparseable date is unknown, not a failed feed.</item>
/// </list>
/// </summary>
public sealed class XmlFeedParser(HtmlText htmlText)
{
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DcNs = "http://purl.org/dc/elements/1.1/";

    /// <summary>Caps what one document may expand to (characters), whatever it declares.</summary>
    private const long MaxDocumentCharacters = 50_000_000;

    /// <summary>
    /// Real feeds nest a handful of levels (rss/channel/item/media:group/...). Building a tree for a document nested
    /// thousands deep costs time that grows with the square of the depth, so deeper documents are refused up front.
    /// </summary>
    private const int MaxElementDepth = 100;

    public ParsedFeed Parse(string text, Uri feedUrl)
    {
        var (safeXml, repairs) = ReadSafely(text);
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(safeXml);
        }
        catch (CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException)
        {
            throw new FeedParseException($"not an RSS or Atom feed (root element <{RootName(safeXml)}>)");
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException or FormatException or InvalidOperationException or NullReferenceException)
        {
            // FeedReader throws these on documents it cannot map (e.g. ArgumentOutOfRangeException on some dates).
            throw new FeedParseException($"FeedReader could not read the feed: {ex.Message}", ex);
        }

        if (feed.Type == FeedType.Unknown)
            throw new FeedParseException("not an RSS or Atom feed");

        var items = new List<FeedItem>(feed.Items.Count);
        foreach (var item in feed.Items)
            items.Add(Map(item, feedUrl));
        return new ParsedFeed(Clean(feed.Title), string.IsNullOrWhiteSpace(feed.Language) ? null : feed.Language, items, repairs);
    }

    private static string RootName(string xml) => XDocument.Parse(xml).Root?.Name.LocalName ?? "none";

    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxDocumentCharacters,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
    };

    /// <summary>
    /// The document as FeedReader may read it: strictly parsed if possible, else after <see cref="XmlRepair"/>
    /// (textual repairs, then closing a truncated document), with the repairs made.
    /// </summary>
    private static (string Xml, IReadOnlyList<string> Repairs) ReadSafely(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        try
        {
            return (Load(trimmed), []);
        }
        catch (XmlException ex) when (ex.Message.Contains("undeclared entity", StringComparison.OrdinalIgnoreCase) && text.Contains("<!ENTITY", StringComparison.Ordinal))
        {
            throw new FeedParseException($"the feed declares XML entities in a DTD, which are never expanded (protection against entity-expansion and external-entity attacks); first use at line {ex.LineNumber}", ex);
        }
        catch (XmlException strict)
        {
            var repairs = new List<string>();
            var repaired = XmlRepair.RepairText(trimmed, repairs);
            if (TryLoad(repaired) is { } xml)
                return (xml, repairs);
            if (XmlRepair.CloseTruncated(repaired, SafeSettings, repairs) is { } closed && TryLoad(closed) is { } closedXml)
                return (closedXml, repairs);
            var tried = repairs.Count > 0 ? $" (still not well-formed after: {string.Join("; ", repairs)})" : "";
            throw new FeedParseException($"malformed XML at line {strict.LineNumber}, position {strict.LinePosition}: {strict.Message}{tried}", strict);
        }
    }

    private static string? TryLoad(string text)
    {
        try
        {
            return Load(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Load(string text)
    {
        using (var scan = XmlReader.Create(new StringReader(text), SafeSettings))
        {
            while (scan.Read())
            {
                if (scan.Depth > MaxElementDepth)
                    throw new FeedParseException($"elements nested deeper than {MaxElementDepth} levels at line {((IXmlLineInfo)scan).LineNumber}: not a feed");
            }
        }
        using var reader = XmlReader.Create(new StringReader(text), SafeSettings);
        var document = XDocument.Load(reader, LoadOptions.None);
        EnsureChannel(document);
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// FeedReader dereferences &lt;channel&gt; without checking, so an RSS document without one (an empty feed, or items
    /// placed directly under &lt;rss&gt;) would fail with a NullReferenceException. Supply the channel it expects.
    /// </summary>
    private static void EnsureChannel(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name.LocalName is not ("rss" or "RDF"))
            return;
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        if (channel is null && root.Name.LocalName == "rss")
        {
            channel = new XElement(root.Name.Namespace + "channel", root.Nodes().ToList());
            root.RemoveNodes();
            root.Add(channel);
        }
        else if (channel is null)
        {
            // RSS 0.90 and 1.0 keep items beside the channel; use the document's RSS namespace.
            var ns = root.GetDefaultNamespace() == XNamespace.None ? XNamespace.Get("http://purl.org/rss/1.0/") : root.GetDefaultNamespace();
            channel = new XElement(ns + "channel");
            root.AddFirst(channel);
        }
        // RSS under a prefix (<rss:channel>, <r:rss>): FeedReader only looks in the default namespace, so make the RSS
        // namespace the default one; element names are unchanged, only how they are written.
        if (channel.Name.Namespace != XNamespace.None && root.GetDefaultNamespace() != channel.Name.Namespace)
        {
            foreach (var element in document.Descendants())
                element.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == channel.Name.NamespaceName).Remove();
            root.SetAttributeValue("xmlns", channel.Name.NamespaceName);
        }
        // An empty <channel> (no title) trips FeedReader in the same way.
        if (!channel.Elements().Any(e => e.Name.LocalName == "title"))
            channel.AddFirst(new XElement(channel.Name.Namespace + "title"));
    }

    private FeedItem Map(CodeHollow.FeedReader.FeedItem item, Uri feedUrl)
    {
        var element = item.SpecificItem?.Element;
        var title = Clean(item.Title) ?? "";
        var guid = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id.Trim();

        var link = item.SpecificItem is AtomFeedItem atom ? AlternateLink(atom) ?? item.Link : item.Link;
        if (string.IsNullOrWhiteSpace(link) && guid is not null && guid.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            link = guid;
        var url = UrlCanonicalizer.Canonicalize(link, feedUrl);

        var summary = htmlText.ToPlainText(item.SpecificItem is AtomFeedItem a ? a.Summary ?? item.Description : item.Description);
        var rawContent = element?.Element(ContentNs + "encoded")?.Value
            ?? (item.SpecificItem is AtomFeedItem ? item.Content : null);
        var content = htmlText.ToPlainText(rawContent);
        if (content == summary)
            content = "";

        var published = FeedDateParser.Parse(RawDate(element));
        var author = Clean(item.Author);

        var key = ItemIdentity.Key(url, guid, feedUrl, title, summary, content);

        return new FeedItem(key, guid, url, title, summary, content, published, author);
    }

    private static string? AlternateLink(AtomFeedItem atom)
    {
        if (atom.Links is null || atom.Links.Count == 0)
            return null;
        var alternate = atom.Links.FirstOrDefault(l => (string.IsNullOrEmpty(l.Relation) || l.Relation == "alternate") && (string.IsNullOrEmpty(l.LinkType) || l.LinkType.Contains("html", StringComparison.OrdinalIgnoreCase)))
            ?? atom.Links.FirstOrDefault(l => string.IsNullOrEmpty(l.Relation) || l.Relation == "alternate");
        return alternate?.Href;
    }

    private static string? RawDate(XElement? element)
    {
        if (element is null)
            return null;
        var ns = element.Name.Namespace;
        return element.Element(ns + "pubDate")?.Value
            ?? element.Element(ns + "published")?.Value
            ?? element.Element(ns + "issued")?.Value
            ?? element.Element(DcNs + "date")?.Value
            ?? element.Element(ns + "updated")?.Value
            ?? element.Element(ns + "modified")?.Value;
    }

    private string? Clean(string? text)
    {
        var plain = htmlText.ToPlainText(text).Replace('\n', ' ');
        return plain.Length == 0 ? null : plain;
    }
}
