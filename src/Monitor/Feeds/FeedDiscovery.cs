using AngleSharp.Html.Parser;

namespace Monitor.Feeds;

/// <summary>
/// Finds the feeds a web page announces with &lt;link rel="alternate" type="application/rss+xml"&gt; (or Atom, or JSON
/// Feed), so that `monitor feeds add` accepts a site's address as well as its feed's.
/// </summary>
public static class FeedDiscovery
{
    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml"];

    public static IReadOnlyList<Uri> Alternates(string html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseHref = document.QuerySelector("base[href]")?.GetAttribute("href");
        var baseUri = baseHref is not null && Uri.TryCreate(pageUrl, baseHref, out var b) ? b : pageUrl;
        return document.QuerySelectorAll("link[rel][href]")
            .Where(l => (l.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase)
                        && FeedTypes.Contains((l.GetAttribute("type") ?? "").Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase))
            .Select(l => Uri.TryCreate(baseUri, l.GetAttribute("href"), out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme is "http" or "https")
            .Distinct()
            .ToList();
    }
}
