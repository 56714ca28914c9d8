using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace Monitor.Load;

/// <summary>Writes one generated feed as RSS 2.0 or Atom 1.0 (UTF-8, no BOM), as a typical CMS would publish it.</summary>
internal static class FeedWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
    };

    public static void Write(Stream output, FeedPlan plan, IReadOnlyList<Article> items, DateTimeOffset now)
    {
        using var xml = XmlWriter.Create(output, Settings);
        if (plan.Format == FeedFormat.Atom)
            WriteAtom(xml, plan, items, now);
        else
            WriteRss(xml, plan, items, now);
    }

    private static void WriteRss(XmlWriter xml, FeedPlan plan, IReadOnlyList<Article> items, DateTimeOffset now)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "content", null, ContentNs);
        xml.WriteAttributeString("xmlns", "dc", null, DcNs);
        xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", plan.Title);
        xml.WriteElementString("link", "https://" + plan.Host + "/");
        xml.WriteElementString("description", "News from " + plan.Title);
        xml.WriteElementString("language", "en");
        xml.WriteElementString("lastBuildDate", Rfc822(now));
        foreach (var item in items)
        {
            xml.WriteStartElement("item");
            xml.WriteElementString("title", item.Title);
            xml.WriteElementString("link", item.Url);
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", item.Guid == item.Url ? "true" : "false");
            xml.WriteString(item.Guid);
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Rfc822(item.Published));
            xml.WriteElementString("dc", "creator", DcNs, "Staff reporter");
            xml.WriteElementString("category", item.OnTheme ? "Technology" : "News");
            if (plan.Format == FeedFormat.RssWithContent)
            {
                xml.WriteElementString("description", item.Summary);
                xml.WriteStartElement("content", "encoded", ContentNs);
                xml.WriteCData(Html(item));
                xml.WriteEndElement();
            }
            else
                xml.WriteElementString("description", Html(item));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAtom(XmlWriter xml, FeedPlan plan, IReadOnlyList<Article> items, DateTimeOffset now)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", AtomNs);
        xml.WriteElementString("title", AtomNs, plan.Title);
        xml.WriteElementString("id", AtomNs, "tag:" + plan.Host + ",2026:feed");
        xml.WriteElementString("updated", AtomNs, Iso(now));
        Link(xml, "alternate", "https://" + plan.Host + "/");
        Link(xml, "self", "https://" + plan.Host + "/feed.atom");
        foreach (var item in items)
        {
            xml.WriteStartElement("entry", AtomNs);
            xml.WriteElementString("title", AtomNs, item.Title);
            Link(xml, "alternate", item.Url);
            xml.WriteElementString("id", AtomNs, item.Guid);
            xml.WriteElementString("published", AtomNs, Iso(item.Published));
            xml.WriteElementString("updated", AtomNs, Iso(item.Published));
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "Staff reporter");
            xml.WriteEndElement();
            xml.WriteElementString("summary", AtomNs, item.Summary);
            xml.WriteStartElement("content", AtomNs);
            xml.WriteAttributeString("type", "html");
            xml.WriteString(Html(item));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Html(Article item)
    {
        var html = new StringBuilder();
        foreach (var paragraph in item.Paragraphs)
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        return html.ToString();
    }

    private static string Rfc822(DateTimeOffset time) => time.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
