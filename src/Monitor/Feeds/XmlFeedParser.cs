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
    private static readonly XNamespace DcTermsNs = "http://purl.org/dc/terms/";
    private static readonly XNamespace MediaNs = "http://search.yahoo.com/mrss/";

    /// <summary>Caps what one document may expand to (characters), whatever it declares.</summary>
    private const long MaxDocumentCharacters = 50_000_000;

    /// <summary>
    /// Real feeds nest a handful of levels (rss/channel/item/media:group/...). Building a tree for a document nested
    /// thousands deep costs time that grows with the square of the depth, so deeper documents are refused up front.
    /// </summary>
    private const int MaxElementDepth = 100;

    public ParsedFeed Parse(string text, Uri feedUrl) => Parse(text, feedUrl, feedUrl);

    public ParsedFeed Parse(string text, Uri feedUrl, Uri baseUrl)
    {
        var (document, repairs) = ReadSafely(text);
        // FeedReader only reads strings; it gets the DTD-free, repaired document, and we keep ours for what it misses.
        var safeXml = document.ToString(SaveOptions.DisableFormatting);
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(safeXml);
        }
        catch (CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException)
        {
            throw new FeedParseException($"not an RSS or Atom feed (root element <{RootName(document)}>)");
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
            items.Add(Map(item, feedUrl, baseUrl));
        return new ParsedFeed(FeedTitle(feed, document), string.IsNullOrWhiteSpace(feed.Language) ? null : feed.Language, items, repairs)
        {
            Ttl = Ttl(document),
        };
    }

    private static string RootName(XDocument document) => document.Root?.Name.LocalName ?? "none";

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
    private static (XDocument Document, IReadOnlyList<string> Repairs) ReadSafely(string text)
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
            if (TryLoad(repaired) is { } document)
                return (document, repairs);
            if (XmlRepair.CloseTruncated(repaired, SafeSettings, repairs) is { } closed && TryLoad(closed) is { } closedDocument)
                return (closedDocument, repairs);
            var tried = repairs.Count > 0 ? $" (still not well-formed after: {string.Join("; ", repairs)})" : "";
            throw new FeedParseException($"malformed XML at line {strict.LineNumber}, position {strict.LinePosition}: {strict.Message}{tried}", strict);
        }
    }

    private static XDocument? TryLoad(string text)
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

    private static XDocument Load(string text)
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
        return document;
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

    private FeedItem Map(CodeHollow.FeedReader.FeedItem item, Uri feedUrl, Uri baseUrl)
    {
        var element = item.SpecificItem?.Element;
        var atom = item.SpecificItem as AtomFeedItem;
        var ns = element?.Name.Namespace ?? XNamespace.None;

        // Atom says how to read each text construct; FeedReader hands back decoded text and loses that.
        var title = (atom is not null ? AtomText(element?.Element(ns + "title")) : htmlText.ToPlainLine(item.Title))
            ?? htmlText.ToPlainLine(element?.Element(DcNs + "title")?.Value)
            ?? htmlText.ToPlainLine(Media(element, "title"))
            ?? "";
        var guid = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id.Trim();

        var link = atom is not null ? AlternateLink(atom) ?? item.Link : item.Link;
        if (string.IsNullOrWhiteSpace(link) && guid is not null && guid.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            link = guid;
        var url = UrlCanonicalizer.Canonicalize(link, XmlBase(LinkElement(element, link), baseUrl));

        var summary = atom is not null
            ? AtomText(element?.Element(ns + "summary")) ?? htmlText.ToPlainText(FirstNonEmpty(Itunes(element, "summary"), Media(element, "description")))
            : htmlText.ToPlainText(FirstNonEmpty(item.Description, element?.Element(DcNs + "description")?.Value,
                Itunes(element, "summary"), Media(element, "description")));
        var content = atom is not null
            ? AtomText(element?.Element(ns + "content")) ?? ""
            : htmlText.ToPlainText(FirstNonEmpty(element?.Element(ContentNs + "encoded")?.Value, OtherBody(element)));
        // An item with only a body: its start is the summary (as for JSON Feed), so every item has one to show.
        if (summary.Length == 0)
            (summary, content) = (content, "");
        if (content == summary)
            content = "";

        var published = FeedDateParser.Parse(RawDate(element));
        var author = htmlText.ToPlainLine(item.Author);
        var key = ItemIdentity.Key(url, guid, feedUrl, title, summary, content);
        return new FeedItem(key, guid, url, title, summary, content, published, author);
    }

    private static readonly XName XmlBaseAttribute = XNamespace.Xml + "base";

    /// <summary>The element the link came from, so its own xml:base counts too.</summary>
    private static XElement? LinkElement(XElement? item, string? link) =>
        item?.Elements().FirstOrDefault(e => e.Name.LocalName == "link" && ((string?)e.Attribute("href") == link || e.Value.Trim() == link)) ?? item;

    /// <summary>
    /// The base a relative link resolves against (XML Base, RFC 3986): the feed's URL, refined by every xml:base from
    /// the root down to the element.
    /// </summary>
    private static Uri XmlBase(XElement? element, Uri feedUrl)
    {
        var bases = element?.AncestorsAndSelf().Select(e => (string?)e.Attribute(XmlBaseAttribute)).OfType<string>().Reverse() ?? [];
        var result = feedUrl;
        foreach (var value in bases)
        {
            if (Uri.TryCreate(result, value.Trim(), out var next) && next.Scheme is "http" or "https")
                result = next;
        }
        return result;
    }

    /// <summary>An Atom text construct as plain text: type="text" as is, "html" from HTML, "xhtml" from its inline markup.</summary>
    private string? AtomText(XElement? element)
    {
        if (element is null)
            return null;
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        var text = type switch
        {
            "xhtml" => htmlText.ToPlainText(string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)))),
            "html" or "text/html" => htmlText.ToPlainText(element.Value),
            // Atom 0.3 "escaped" mode and other media types that say html.
            _ when type.Contains("html", StringComparison.Ordinal) || (string?)element.Attribute("mode") == "escaped" => htmlText.ToPlainText(element.Value),
            _ => HtmlText.NormalizeWhitespace(element.Value),
        };
        return text.Replace('\n', ' ').Length == 0 ? null : (element.Name.LocalName == "title" ? text.Replace('\n', ' ') : text);
    }

    /// <summary>Older RSS bodies: &lt;body&gt; with inline XHTML, or &lt;fullitem&gt; with escaped HTML.</summary>
    private static string? OtherBody(XElement? element)
    {
        var body = element?.Elements().FirstOrDefault(e => e.Name.LocalName == "body");
        if (body is not null)
            return string.Concat(body.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        return element?.Elements().FirstOrDefault(e => e.Name.LocalName == "fullitem")?.Value;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>An iTunes podcast element; its namespace URI is written with varying case (…/DTDs/Podcast-1.0.dtd).</summary>
    private static string? Itunes(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name && e.Name.NamespaceName.Contains("itunes.com", StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>A Media RSS element of the item, directly or inside a media:group.</summary>
    private static string? Media(XElement? element, string name) =>
        element?.Element(MediaNs + name)?.Value ?? element?.Element(MediaNs + "group")?.Element(MediaNs + name)?.Value;

    /// <summary>RSS &lt;ttl&gt; in minutes; ignored when absent, not a number, or longer than a week.</summary>
    private static TimeSpan? Ttl(XDocument document)
    {
        var channel = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        var ttl = channel?.Elements().FirstOrDefault(e => e.Name.LocalName == "ttl")?.Value;
        return int.TryParse(ttl, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 7 * 24 * 60
            ? TimeSpan.FromMinutes(minutes)
            : null;
    }

    private string? FeedTitle(Feed feed, XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName == "feed")
            return AtomText(root.Element(root.Name.Namespace + "title"));
        var channel = root?.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        return htmlText.ToPlainLine(feed.Title) ?? htmlText.ToPlainLine(channel?.Element(DcNs + "title")?.Value);
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
            ?? element.Element(DcTermsNs + "issued")?.Value
            ?? element.Element(DcTermsNs + "created")?.Value
            ?? element.Element(ns + "updated")?.Value
            ?? element.Element(ns + "modified")?.Value
            ?? element.Element(DcTermsNs + "modified")?.Value;
    }

}
