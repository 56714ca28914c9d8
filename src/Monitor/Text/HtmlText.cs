using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monitor.Text;

/// <summary>
/// Turns an HTML fragment from a feed into plain text with AngleSharp: entities decoded, scripts and styles dropped,
/// block elements on their own lines so paragraphs stay paragraphs. Plain text passes through unchanged but for
/// whitespace.
/// </summary>
public sealed partial class HtmlText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
        "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
    };

    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        // iframe content is raw text that browsers never show (markup included), so it is dropped too.
        "script", "style", "noscript", "template", "svg", "iframe",
    };

    /// <summary>Feed fragments longer than this are cut before parsing: an article body is far shorter.</summary>
    private const int MaxHtmlCharacters = 1_000_000;

    /// <summary>
    /// HTML parsers spend time growing with the square of the nesting depth (unclosed tags pile up), so fragments
    /// nested deeper than this are reduced to text by stripping tags instead of by parsing.
    /// </summary>
    public const int MaxNesting = 300;

    private readonly HtmlParser _parser = new();

    public string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return string.Empty;
        if (html.Length > MaxHtmlCharacters)
            html = html[..MaxHtmlCharacters];
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
            return NormalizeWhitespace(html);
        if (EstimatedNesting(html) > MaxNesting)
            return NormalizeWhitespace(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")));

        // The parser puts a fragment into <body> itself; wrapping it in "<body>…</body>" text would let raw-text elements
        // (an unclosed <iframe>, <textarea>) swallow the closing tag as text.
        var document = _parser.ParseDocument(html);
        var builder = new StringBuilder(html.Length);
        // Iterative walk: a recursive one would overflow the stack on a deep tree.
        var pending = new Stack<(INode Node, bool Close)>();
        // From the document element, not <body>: a fragment starting with <title> puts that text in <head>.
        foreach (var child in document.DocumentElement.ChildNodes.Reverse())
            pending.Push((child, false));
        while (pending.TryPop(out var entry))
        {
            switch (entry.Node)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when entry.Close:
                    builder.Append('\n');
                    break;
                case IElement element when SkippedElements.Contains(element.LocalName):
                    break;
                case IElement element:
                    var block = BlockElements.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                        pending.Push((element, true));
                    }
                    foreach (var child in element.ChildNodes.Reverse())
                        pending.Push((child, false));
                    break;
            }
        }
        return NormalizeWhitespace(builder.ToString());
    }

    /// <summary>The text on one line (titles, names), or null when nothing is left.</summary>
    public string? ToPlainLine(string? html)
    {
        var plain = ToPlainText(html).Replace('\n', ' ');
        return plain.Length == 0 ? null : plain;
    }

    /// <summary>Open tags minus close tags, at the deepest point: a linear upper bound of the tree's depth.</summary>
    internal static int EstimatedNesting(string html)
    {
        int depth = 0, max = 0;
        for (var i = 0; i + 1 < html.Length; i++)
        {
            if (html[i] != '<')
                continue;
            if (html[i + 1] == '/')
                depth = Math.Max(0, depth - 1);
            else if (char.IsAsciiLetter(html[i + 1]))
                max = Math.Max(max, ++depth);
        }
        return max;
    }

    // A tag, or a tag cut off by the length cap at the very end.
    [GeneratedRegex("<[^>]*(>|$)")]
    private static partial Regex TagPattern();

    /// <summary>
    /// Collapses runs of spaces within lines and drops empty lines; keeps one newline between paragraphs. Stray C1
    /// controls are mapped to the windows-1252 characters they stood for (<see cref="C1Controls"/>).
    /// </summary>
    public static string NormalizeWhitespace(string text)
    {
        text = C1Controls.ToWindows1252(text);
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
