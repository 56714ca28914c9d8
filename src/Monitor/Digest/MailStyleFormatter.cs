using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Css;

namespace Monitor.Digest;

/// <summary>
/// Writes the inline styles HtmlSanitizer re-serialises (through AngleSharp.Css) the way mail clients read them: an
/// opaque colour as <c>#rrggbb</c>, not <c>rgba(r, g, b, 1)</c>, which Outlook's Word engine ignores.
/// </summary>
public sealed partial class MailStyleFormatter : IStyleFormatter
{
    public static readonly MailStyleFormatter Instance = new();

    private static readonly IStyleFormatter Inner = CssStyleFormatter.Instance;

    public string Sheet(IEnumerable<IStyleFormattable> rules) => Inner.Sheet(rules);

    public string Declaration(string name, string value, bool important) => Inner.Declaration(name, Opaque().Replace(value, Hex), important);

    // Each declaration is written through this formatter (the inner one would pass itself down and skip Declaration).
    public string BlockDeclarations(IEnumerable<IStyleFormattable> declarations) => string.Join("; ", declarations.Select(d => d.ToCss(this)));

    public string Rule(string name, string value) => Inner.Rule(name, value);

    public string Rule(string name, string prelude, string rules) => Inner.Rule(name, prelude, rules);

    public string BlockRules(IEnumerable<IStyleFormattable> rules) => Inner.BlockRules(rules);

    public string Comment(string data) => Inner.Comment(data);

    private static string Hex(Match m) =>
        "#" + string.Concat(Enumerable.Range(1, 3).Select(i => byte.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"rgba\((\d{1,3}), (\d{1,3}), (\d{1,3}), 1\)")]
    private static partial Regex Opaque();
}
