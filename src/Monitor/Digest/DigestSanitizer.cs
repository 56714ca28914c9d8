using System.Globalization;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Digest;

/// <summary>
/// The last pass over every digest's HTML, whatever template produced it: an allow-list policy (HtmlSanitizer) of
/// exactly what a mail layout needs. Kept: layout tags (tables, div, p, lists, links, mark, bdi), their layout
/// attributes, and inline CSS limited to colours, spacing, borders, fonts and widths. Removed: scripts, styles
/// sheets, event handlers, forms, frames, objects, anything that hides or overlays text (display, visibility,
/// position, opacity, z-index, transforms...), and links other than http, https and mailto. Images only when
/// <c>Digest:RemoteImages</c> is true (a remote image tells the sender when and where the mail was read), and then only
/// http(s) ones. Feed text is HTML-encoded by the templates already; this catches a template edit that lets markup
/// through (<c>| raw</c>), or a layout a template should not have. What it removes is logged.
/// </summary>
public sealed partial class DigestSanitizer
{
    private static readonly string[] Tags =
    [
        "html", "head", "body", "meta", "title", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col",
        "div", "span", "p", "br", "hr", "a", "b", "strong", "i", "em", "u", "small", "sub", "sup", "mark", "bdi", "code", "pre",
        "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    ];

    private static readonly string[] Attributes =
    [
        "lang", "dir", "charset", "name", "content", "role", "title", "href", "style", "width", "height", "align", "valign",
        "cellpadding", "cellspacing", "border", "bgcolor", "colspan", "rowspan", "aria-hidden", "aria-label",
    ];

    private static readonly string[] CssProperties =
    [
        "color", "background-color", "font", "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing",
        "text-align", "text-decoration", "text-transform", "vertical-align", "white-space", "word-break", "overflow-wrap", "word-wrap",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style", "border-width",
        "border-radius", "border-collapse", "border-spacing",
        // AngleSharp.Css reads shorthands into their longhands before the policy sees them.
        "text-decoration-line", "text-decoration-color", "text-decoration-style", "text-decoration-thickness",
        "border-top-width", "border-top-style", "border-top-color", "border-right-width", "border-right-style", "border-right-color",
        "border-bottom-width", "border-bottom-style", "border-bottom-color", "border-left-width", "border-left-style", "border-left-color",
        "border-top-left-radius", "border-top-right-radius", "border-bottom-right-radius", "border-bottom-left-radius",
        "width", "max-width", "min-width", "height",
    ];

    private readonly HtmlSanitizer _sanitizer;
    private readonly ILogger<DigestSanitizer> _logger;

    public DigestSanitizer(IOptions<DigestOptions> options, ILogger<DigestSanitizer> logger)
    {
        _logger = logger;
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(options.Value.RemoteImages ? [.. Tags, "img"] : Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(options.Value.RemoteImages ? [.. Attributes, "src", "alt"] : Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        // No url(...) in CSS at all: a background image is a remote image, and the only one the policy cannot see as a tag.
        sanitizer.DisallowCssPropertyValue = new Regex(@"[<>]|url\s*\(|expression\s*\(|javascript:", RegexOptions.IgnoreCase);
        // AngleSharp.Css writes every colour as rgba(r, g, b, a), which Outlook's Word engine ignores: opaque ones go back to
        // #rrggbb. Then the values that hide or overlay text with an allowed property are dropped (see Hides).
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var element in e.Document.QuerySelectorAll("[style]"))
            {
                var kept = new List<string>();
                foreach (var declaration in OpaqueColor().Replace(element.GetAttribute("style")!, Hex).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var colon = declaration.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0 && Hides(declaration[..colon].Trim().ToLowerInvariant(), declaration[(colon + 1)..].Trim().ToLowerInvariant()))
                        Removed("style", declaration);
                    else
                        kept.Add(declaration);
                }
                if (kept.Count == 0)
                    element.RemoveAttribute("style");
                else
                    element.SetAttribute("style", string.Join("; ", kept));
            }
        };
        // The scheme list lets relative links through (they have none); a mail has no base to resolve them against.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!Uri.TryCreate(e.OriginalUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "mailto"))
                e.SanitizedUrl = null;
        };
        sanitizer.RemovingTag += (_, e) => Removed("tag", e.Tag.NodeName.ToLowerInvariant());
        sanitizer.RemovingAttribute += (_, e) => Removed("attribute", e.Attribute.Name + " of " + e.Tag.NodeName.ToLowerInvariant());
        sanitizer.RemovingStyle += (_, e) => Removed("style", e.Style.Name);
        sanitizer.RemovingAtRule += (_, e) => Removed("CSS rule", e.Rule.CssText);
        _sanitizer = sanitizer;
    }

    /// <summary>The sanitized document: the same markup when the template produced only what the policy allows.</summary>
    public string Sanitize(string html) => _sanitizer.SanitizeDocument(html);

    private static string Hex(Match m) =>
        "#" + string.Concat(Enumerable.Range(1, 3).Select(i => byte.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// An allowed property with a value that hides or overlays text: a negative margin or letter spacing (pulls text
    /// over other text), a font or line too small to read, a zero size, a colour that is not fully opaque.
    /// </summary>
    internal static bool Hides(string property, string value)
    {
        var lengths = Length().Matches(value).Select(m => (Number: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Unit: m.Groups[2].Value)).ToList();
        return property switch
        {
            _ when property.StartsWith("margin", StringComparison.Ordinal) || property == "letter-spacing" => lengths.Any(l => l.Number < 0),
            "font-size" => value is "xx-small" or "x-small" || lengths.Any(l => TooSmall(l.Number, l.Unit)),
            "line-height" => lengths.Any(l => l.Number <= 0 || (l.Unit is "px" or "pt" && l.Number < 8)),
            "height" or "width" or "max-width" or "max-height" or "min-width" => lengths.Any(l => l.Number <= 0),
            "color" => value.Contains("transparent", StringComparison.Ordinal) || Translucent().IsMatch(value),
            _ => false,
        };
    }

    private static bool TooSmall(double number, string unit) => unit switch
    {
        "px" or "pt" or "" => number < 8,
        "em" or "rem" => number < 0.6,
        "%" => number < 60,
        _ => number <= 0,
    };

    [GeneratedRegex(@"(-?\d*\.?\d+)(px|pt|em|rem|%|vw|vh|ch|ex)?")]
    private static partial Regex Length();

    [GeneratedRegex(@"(rgba|hsla)\([^)]*,\s*0?\.\d+\)|(rgba|hsla)\([^)]*,\s*0\)")]
    private static partial Regex Translucent();

    [GeneratedRegex(@"rgba\((\d{1,3}), (\d{1,3}), (\d{1,3}), 1\)")]
    private static partial Regex OpaqueColor();

    private void Removed(string what, string name) =>
        _logger.LogWarning("Digest HTML: removed {What} {Name} (not allowed in mail; see the template)", what, name);
}
