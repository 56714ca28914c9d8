using SmartReader;

namespace Monitor.Feeds;

/// <summary>
/// The main text of an article page (SmartReader, a port of Mozilla's Readability), for feeds that publish only
/// summaries. Works on HTML already downloaded by <see cref="FeedFetcher"/>, so the size cap and timeout apply;
/// SmartReader never fetches anything itself here.
/// </summary>
public sealed class FullTextExtractor
{
    /// <summary>The article's text, or null when the page has no readable article.</summary>
    public string? Extract(string html, Uri pageUrl)
    {
        // Readability's scoring walks the tree many times: a page nested thousands deep would take minutes.
        if (Text.HtmlText.EstimatedNesting(html) > Text.HtmlText.MaxNesting)
            return null;
        try
        {
            var article = new Reader(pageUrl.AbsoluteUri, html).GetArticle();
            var text = article.IsReadable ? Text.HtmlText.NormalizeWhitespace(article.TextContent ?? "") : "";
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
        {
            // SmartReader throws these on pages it cannot make sense of; the item keeps its summary.
            return null;
        }
    }
}
