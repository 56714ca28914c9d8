using System.Xml;
using System.Xml.Linq;

namespace Monitor.Feeds;

/// <summary>OPML 2.0 (http://opml.org/spec2.opml) in and out: the format every feed reader imports and exports.</summary>
public static class Opml
{
    /// <summary>A feed found in an OPML file: its xmlUrl as written, and its title.</summary>
    public sealed record Entry(string XmlUrl, string? Title, string? Language);

    /// <summary>Every outline with an xmlUrl, at any depth (categories are folders of outlines).</summary>
    public static IReadOnlyList<Entry> Read(Stream stream)
    {
        // No DTD, no resolver: an OPML file is as untrusted as a feed.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 0 };
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader);
        if (document.Root?.Name.LocalName != "opml")
            throw new FormatException("not an OPML file (the root element is not <opml>)");
        return document.Descendants("outline")
            .Select(o => new Entry(((string?)o.Attribute("xmlUrl") ?? "").Trim(), NonEmpty((string?)o.Attribute("title")) ?? NonEmpty((string?)o.Attribute("text")), NonEmpty((string?)o.Attribute("language"))))
            .Where(e => e.XmlUrl.Length > 0)
            .ToList();
    }

    public static XDocument Write(IEnumerable<FeedDefinition> feeds, DateTimeOffset now) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", "Monitor feeds"),
                    new XElement("dateCreated", now.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
                new XElement("body", feeds.Select(f => new XElement("outline",
                    new XAttribute("type", "rss"),
                    new XAttribute("text", f.Name ?? f.Url.Host),
                    new XAttribute("title", f.Name ?? f.Url.Host),
                    new XAttribute("xmlUrl", f.Url.AbsoluteUri),
                    f.Language is null ? null : new XAttribute("language", f.Language))))));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
