using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Digest;

/// <summary>
/// Renders a digest as HTML for mail clients (inline CSS, a single-column table, no scripts, no external resources)
/// and as plain text. Every piece of feed text is HTML-encoded; links are emitted only for http(s) URLs.
/// The digest issue moves this to editable templates.
/// </summary>
public sealed class DigestRenderer
{
    public string RenderHtml(ComposedDigest digest, TimeZoneInfo timeZone)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(digest.Subject)).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f4f5f7;\"><tr><td align=\"center\" style=\"padding:16px;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px;background:#ffffff;border-radius:6px;\">\n")
            .Append("<tr><td style=\"padding:20px 24px;border-bottom:3px solid #0b5cad;\"><div style=\"font-size:20px;font-weight:bold;\">").Append(digest.Kind == MailKind.Alert ? "Monitor alert" : "Monitor digest").Append("</div>")
            .Append("<div style=\"font-size:13px;color:#57606a;margin-top:4px;\">")
            .Append(Encode(FormatLocal(digest.GeneratedAt, timeZone))).Append(" &middot; ")
            .Append(digest.ItemCount.ToString(CultureInfo.InvariantCulture)).Append(digest.ItemCount == 1 ? " new article" : " new articles")
            .Append(" &middot; ").Append(Encode(string.Join(", ", digest.Sections.Select(s => s.Title)))).Append("</div></td></tr>\n");

        foreach (var section in digest.Sections)
        {
            html.Append("<tr><td style=\"padding:18px 24px 4px 24px;\"><div style=\"font-size:16px;font-weight:bold;color:#0b5cad;\">")
                .Append(Encode(section.Title)).Append("</div></td></tr>\n");
            foreach (var item in section.Items)
            {
                html.Append("<tr><td style=\"padding:8px 24px 12px 24px;border-bottom:1px solid #eaeef2;\">");
                var href = SafeHref(item.Url);
                html.Append("<div style=\"font-size:15px;font-weight:bold;line-height:1.35;\">");
                if (href is not null)
                    html.Append("<a href=\"").Append(Encode(href)).Append("\" style=\"color:#1f2328;text-decoration:none;\">").Append(Encode(item.Title)).Append("</a>");
                else
                    html.Append(Encode(item.Title));
                html.Append("</div><div style=\"font-size:12px;color:#57606a;margin:3px 0 6px 0;\">")
                    .Append(Encode(item.Source));
                if (item.Published is { } published)
                    html.Append(" &middot; ").Append(Encode(FormatLocal(published, timeZone)));
                html.Append(" &middot; score ").Append(Encode(item.Score.ToString("0.##", CultureInfo.InvariantCulture)))
                    .Append(" &middot; matched: ").Append(Encode(string.Join(", ", item.MatchedTerms)));
                if (item.AlsoIn.Count > 0)
                    html.Append(" &middot; also in: ").Append(Encode(string.Join(", ", item.AlsoIn)));
                html.Append("</div>");
                if (item.Snippet.Length > 0)
                    html.Append("<div style=\"font-size:14px;line-height:1.45;color:#32383f;\">").Append(Highlighted(item.Snippet, item.Highlights)).Append("</div>");
                if (item.AlsoReportedBy.Count > 0)
                {
                    html.Append("<div style=\"font-size:12px;color:#57606a;margin-top:6px;\">Also reported by: ");
                    for (var i = 0; i < item.AlsoReportedBy.Count; i++)
                    {
                        var also = item.AlsoReportedBy[i];
                        if (i > 0)
                            html.Append(", ");
                        if (SafeHref(also.Url) is { } alsoHref)
                            html.Append("<a href=\"").Append(Encode(alsoHref)).Append("\" title=\"").Append(Encode(also.Title)).Append("\" style=\"color:#0b5cad;\">").Append(Encode(also.Source)).Append("</a>");
                        else
                            html.Append(Encode(also.Source));
                    }
                    html.Append("</div>");
                }
                html.Append("</td></tr>\n");
            }
        }

        html.Append("<tr><td style=\"padding:16px 24px;font-size:12px;color:#57606a;\">");
        foreach (var notice in digest.ConfigNotices)
        {
            html.Append("<div style=\"margin-bottom:8px;color:#9a3412;\"><b>Configuration problem</b>: ").Append(Encode(notice.Summary)).Append(':')
                .Append("<ul style=\"margin:4px 0;padding-left:18px;\">");
            foreach (var problem in notice.Problems)
                html.Append("<li>").Append(Encode(problem)).Append("</li>");
            html.Append("</ul></div>");
        }
        if (digest.FeedProblems.Count > 0)
        {
            html.Append("<div style=\"margin-bottom:8px;\"><b>Feeds with problems</b><ul style=\"margin:4px 0;padding-left:18px;\">");
            foreach (var problem in digest.FeedProblems)
                html.Append("<li>").Append(Encode(problem.FeedUrl)).Append(" &middot; since ").Append(Encode(FormatLocal(problem.Since, timeZone)))
                    .Append(": ").Append(Encode(problem.Description)).Append("</li>");
            html.Append("</ul></div>");
        }
        html.Append("You receive this digest because your address is listed in Monitor's configuration. ")
            .Append("Edit <code>config/watchlists.yaml</code> to change what is selected, and <code>Digest:Recipients</code> in <code>config/appsettings.json</code> to change who receives it and when.")
            .Append("</td></tr>\n</table>\n</td></tr></table>\n</body></html>\n");
        return html.ToString();
    }

    public string RenderText(ComposedDigest digest, TimeZoneInfo timeZone)
    {
        var text = new StringBuilder();
        text.Append(digest.Kind == MailKind.Alert ? "Monitor alert - " : "Monitor digest - ").Append(FormatLocal(digest.GeneratedAt, timeZone)).Append('\n')
            .Append(digest.ItemCount.ToString(CultureInfo.InvariantCulture)).Append(digest.ItemCount == 1 ? " new article" : " new articles")
            .Append(" on ").Append(string.Join(", ", digest.Sections.Select(s => s.Title))).Append("\n\n");
        foreach (var section in digest.Sections)
        {
            text.Append("== ").Append(section.Title).Append(" ==\n\n");
            foreach (var item in section.Items)
            {
                text.Append("* ").Append(item.Title).Append('\n');
                if (SafeHref(item.Url) is { } href)
                    text.Append("  ").Append(href).Append('\n');
                text.Append("  ").Append(item.Source);
                if (item.Published is { } published)
                    text.Append(" | ").Append(FormatLocal(published, timeZone));
                text.Append(" | score ").Append(item.Score.ToString("0.##", CultureInfo.InvariantCulture))
                    .Append(" | matched: ").Append(string.Join(", ", item.MatchedTerms)).Append('\n');
                if (item.AlsoIn.Count > 0)
                    text.Append("  also in: ").Append(string.Join(", ", item.AlsoIn)).Append('\n');
                if (item.Snippet.Length > 0)
                    text.Append("  ").Append(item.Snippet).Append('\n');
                if (item.AlsoReportedBy.Count > 0)
                {
                    text.Append("  Also reported by:\n");
                    foreach (var also in item.AlsoReportedBy)
                        text.Append("  - ").Append(also.Source).Append(SafeHref(also.Url) is { } alsoHref ? ": " + alsoHref : "").Append('\n');
                }
                text.Append('\n');
            }
        }
        foreach (var notice in digest.ConfigNotices)
        {
            text.Append("Configuration problem: ").Append(notice.Summary).Append(":\n");
            foreach (var problem in notice.Problems)
                text.Append("- ").Append(problem).Append('\n');
            text.Append('\n');
        }
        if (digest.FeedProblems.Count > 0)
        {
            text.Append("Feeds with problems:\n");
            foreach (var problem in digest.FeedProblems)
                text.Append("- ").Append(problem.FeedUrl).Append(" (since ").Append(FormatLocal(problem.Since, timeZone)).Append("): ").Append(problem.Description).Append('\n');
            text.Append('\n');
        }
        text.Append("-- \nEdit config/watchlists.yaml to change what is selected, and Digest:Recipients in config/appsettings.json to change who receives it and when.\n");
        return text.ToString();
    }

    /// <summary>Only absolute http and https links are ever emitted: no javascript:, data: or relative URLs.</summary>
    internal static string? SafeHref(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The snippet, HTML-encoded, with the matched words in a yellow <c>&lt;mark&gt;</c> (inline style: mail clients drop style sheets).</summary>
    private static string Highlighted(string snippet, IReadOnlyList<string> forms)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var (start, length) in SnippetHighlighter.Ranges(snippet, forms))
        {
            html.Append(Encode(snippet[at..start]))
                .Append("<mark style=\"background:#fff3b0;color:inherit;padding:0 1px;\">").Append(Encode(snippet.Substring(start, length))).Append("</mark>");
            at = start + length;
        }
        return html.Append(Encode(snippet[at..])).ToString();
    }

    private static string FormatLocal(DateTimeOffset time, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(time, timeZone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " (" + timeZone.Id + ")";
}
