using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Text;

namespace Monitor.Digest;

/// <summary>
/// Renders a digest (or an alert) as HTML and plain text with the Liquid templates of <see cref="DigestTemplates"/>.
/// Every <c>{{ value }}</c> of the HTML template is HTML-encoded (Fluid's encoder) and <c>raw</c> is not available, so
/// feed text can never open a tag or an attribute; the result then goes through <see cref="DigestSanitizer"/>. Links
/// are given to the templates only for absolute http and https URLs. When a user template fails while rendering,
/// the built-in one renders that mail, and the footer says why.
/// </summary>
public sealed class DigestRenderer(DigestTemplates templates, DigestSanitizer sanitizer, ILogger<DigestRenderer> logger)
{
    /// <summary>Longest title shown, in text elements: a 10,000-character feed title is cut cleanly.</summary>
    public const int MaxTitleLength = 300;

    /// <summary>
    /// Encodes what HTML needs encoded (&lt; &gt; &amp; quotes) and leaves letters of every script as they are; the
    /// default encoder would write every non-ASCII letter as an entity.
    /// </summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly TemplateOptions Options = CreateOptions();

    public string RenderHtml(ComposedDigest digest, TimeZoneInfo timeZone) =>
        sanitizer.Sanitize(Render(DigestTemplates.Html, digest, timeZone, Encoder));

    public string RenderText(ComposedDigest digest, TimeZoneInfo timeZone) =>
        Render(DigestTemplates.Text, digest, timeZone, NullEncoder.Default);

    private string Render(string name, ComposedDigest digest, TimeZoneInfo timeZone, TextEncoder encoder)
    {
        var (template, builtIn) = templates.Get(name);
        var problems = templates.Problems;
        if (!builtIn)
        {
            try
            {
                return template.Render(new TemplateContext(View(digest, timeZone, problems), Options), encoder);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                // A template that parses can still fail on the data (a loop past MaxSteps, a bad filter argument).
                logger.LogError(ex, "Template {Template} failed while rendering, the built-in template is used for this mail", Path.Combine(templates.Folder, name));
                problems = [.. problems, new ConfigProblem(ConfigSource.Display(Path.Combine(templates.Folder, name)), null, "template",
                    $"failed while rendering: {ex.Message}; the built-in {name} was used")];
            }
        }
        return DigestTemplates.BuiltIn(name).Render(new TemplateContext(View(digest, timeZone, problems), Options), encoder);
    }

    private static DigestView View(ComposedDigest digest, TimeZoneInfo timeZone, IReadOnlyList<ConfigProblem> templateProblems)
    {
        var labels = DigestLabels.For(digest.Language, digest.Kind);
        var notices = templateProblems.Count == 0
            ? digest.ConfigNotices
            : [.. digest.ConfigNotices, new ConfigNotice("A template in the config folder is invalid, the built-in one is in force until it is fixed",
                templateProblems.Select(p => p.ToString()).ToList())];
        var sections = digest.Sections.Select(s => new SectionView(
            s.Watchlist, Line(s.Title), Number(s.Threshold, labels), s.Items.Count, s.Items.Select(i => Item(i, labels, timeZone)).ToList())).ToList();
        return new DigestView(
            digest.Kind == MailKind.Alert ? "alert" : "digest",
            labels.Culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en",
            Line(digest.Subject),
            labels,
            labels.Time(digest.GeneratedAt, timeZone),
            digest.PeriodStart is { } start ? labels.Time(start, timeZone) : "",
            labels.Time(digest.GeneratedAt, timeZone),
            digest.ItemCount,
            string.Join(", ", sections.Select(s => s.Title)),
            sections,
            digest.FeedProblems.Select(p => new FeedProblemView(Line(p.FeedUrl), labels.Time(p.Since, timeZone), Line(p.Description))).ToList(),
            notices,
            SafeHref(digest.Unsubscribe, allowMailto: true) ?? "");
    }

    private static ItemView Item(DigestItem item, DigestLabels labels, TimeZoneInfo timeZone)
    {
        var snippet = item.Snippet;
        var parts = new List<SnippetPart>();
        var at = 0;
        foreach (var (start, length) in SnippetHighlighter.Ranges(snippet, item.Highlights))
        {
            if (start > at)
                parts.Add(new SnippetPart(snippet[at..start], false));
            parts.Add(new SnippetPart(snippet.Substring(start, length), true));
            at = start + length;
        }
        if (at < snippet.Length)
            parts.Add(new SnippetPart(snippet[at..], false));
        return new ItemView(
            Line(item.Title) is { Length: > 0 } title ? title : labels.Untitled,
            SafeHref(item.Url) ?? "",
            Line(item.Source),
            item.Published is { } published ? labels.Time(published, timeZone) : "",
            Number(item.Score, labels),
            string.Join(", ", item.MatchedTerms.Select(Line)),
            string.Join(", ", item.AlsoIn.Select(Line)),
            snippet,
            parts,
            item.AlsoReportedBy.Select(a => new AlsoView(Line(a.Source), Line(a.Title), SafeHref(a.Url) ?? "")).ToList());
    }

    /// <summary>Feed text on one line, cut cleanly: titles, sources and terms must not break the layout or a text line.</summary>
    private static string Line(string text) => DisplayText.Cut(DisplayText.SingleLine(text), MaxTitleLength);

    private static string Number(double value, DigestLabels labels) => value.ToString("0.##", labels.Culture);

    /// <summary>Only absolute http and https links are ever emitted (and mailto for the unsubscribe link): no javascript:, data: or relative URLs.</summary>
    internal static string? SafeHref(string? url, bool allowMailto = false) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || (allowMailto && uri.Scheme == Uri.UriSchemeMailto))
            ? uri.AbsoluteUri
            : null;

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            // A template loop over a 50-item digest takes a few thousand steps; a runaway one stops here.
            MaxSteps = 1_000_000,
            MaxRecursion = 20,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in new[] { typeof(DigestView), typeof(SectionView), typeof(ItemView), typeof(SnippetPart), typeof(AlsoView), typeof(FeedProblemView), typeof(ConfigNotice), typeof(DigestLabels) })
            options.MemberAccessStrategy.Register(type);
        // Without raw, {{ x | raw }} is encoded like any other output: feed text cannot be let through unencoded.
        options.Filters.Remove("raw");
        return options;
    }
}
