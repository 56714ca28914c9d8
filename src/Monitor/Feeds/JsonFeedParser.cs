using System.Text.Json;
using Monitor.Text;

namespace Monitor.Feeds;

/// <summary>
/// Parses JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) with System.Text.Json: title, items with
/// id, url (else external_url), title, summary, content_html or content_text, date_published (else date_modified)
/// and author(s). Unknown members are ignored, as the spec asks.
/// </summary>
public sealed class JsonFeedParser(HtmlText htmlText)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public ParsedFeed Parse(string text, Uri feedUrl) => Parse(text, feedUrl, feedUrl);

    public ParsedFeed Parse(string text, Uri feedUrl, Uri baseUrl)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.TrimStart('\uFEFF'), Options);
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"malformed JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "version") is not { } version || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
                throw new FeedParseException("a JSON document that is not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")");

            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                        items.Add(Map(item, feedUrl, baseUrl));
                }
            }
            return new ParsedFeed(htmlText.ToPlainLine(String(root, "title")), String(root, "language"), items, []);
        }
    }

    private FeedItem Map(JsonElement item, Uri feedUrl, Uri baseUrl)
    {
        var id = item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
            ? idElement.GetRawText()
            : String(item, "id");
        var url = UrlCanonicalizer.Canonicalize(String(item, "url") ?? String(item, "external_url"), baseUrl);
        var title = htmlText.ToPlainLine(String(item, "title")) ?? "";
        var summary = htmlText.ToPlainText(String(item, "summary"));
        var content = String(item, "content_html") is { } html ? htmlText.ToPlainText(html) : HtmlText.NormalizeWhitespace(String(item, "content_text") ?? "");
        if (summary.Length == 0)
        {
            summary = content;
            content = "";
        }
        var published = FeedDateParser.Parse(String(item, "date_published") ?? String(item, "date_modified"));
        var author = Author(item);
        var guid = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
        return new FeedItem(ItemIdentity.Key(url, guid, feedUrl, title, summary, content), guid, url, title, summary, content, published, author);
    }

    private string? Author(JsonElement item)
    {
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            var names = authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => htmlText.ToPlainLine(String(a, "name"))).OfType<string>().ToList();
            if (names.Count > 0)
                return string.Join(", ", names);
        }
        return item.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? htmlText.ToPlainLine(String(author, "name")) : null;
    }

    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\uD800") is valid JSON but not valid text; read it as missing.
            return null;
        }
    }

}
