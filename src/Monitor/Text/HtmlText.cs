using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monitor.Text;

/// <summary>
/// Turns an HTML fragment from a feed into plain text with AngleSharp: entities decoded, scripts and styles dropped,
/// block elements on their own lines so paragraphs stay paragraphs. Plain text passes through unchanged but for
/// whitespace.
/// </summary>
public sealed class HtmlText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
        "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
    };

    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "svg",
    };

    private readonly HtmlParser _parser = new();

    public string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return string.Empty;
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
            return NormalizeWhitespace(html);
        var document = _parser.ParseDocument("<body>" + html + "</body>");
        var builder = new StringBuilder(html.Length);
        Append(document.Body!, builder);
        return NormalizeWhitespace(builder.ToString());
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when SkippedElements.Contains(element.LocalName):
                    break;
                case IElement element:
                    var block = BlockElements.Contains(element.LocalName);
                    if (block)
                        builder.Append('\n');
                    Append(element, builder);
                    if (block)
                        builder.Append('\n');
                    break;
            }
        }
    }

    /// <summary>Collapses runs of spaces within lines and drops empty lines; keeps one newline between paragraphs.</summary>
    public static string NormalizeWhitespace(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var builder = new StringBuilder(text.Length);
        foreach (var raw in lines)
        {
            var line = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
                continue;
            if (builder.Length > 0)
                builder.Append('\n');
            builder.Append(line);
        }
        return builder.ToString();
    }
}
