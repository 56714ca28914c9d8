using Microsoft.Extensions.Options;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Text;

namespace Monitor.Digest;

/// <summary>
/// Picks and ranks a recipient's digest from the candidates: an article enters under the recipient's watchlists whose
/// current threshold it reaches, shown once under the one where it scores highest (the others are named),
/// sections in watchlist order, items by score then date. Returns null when there is nothing to send.
/// An alert is composed the same way with the watchlists' alert thresholds (watchlists without one never alert).
/// </summary>
public sealed class DigestComposer(DigestRenderer renderer, IOptions<DigestOptions> options)
{
    /// <param name="periodStart">
    /// When the period the mail covers began: the previous digest sent to this recipient. Null: the age window
    /// (<c>Digest:MaxArticleAgeDays</c> before <paramref name="now"/>).
    /// </param>
    /// <param name="unsubscribe">The unsubscribe link for the footer (mailto: or http(s)); null: none.</param>
    public ComposedDigest? Compose(RecipientOptions recipient, IReadOnlyList<DigestCandidate> candidates, WatchlistSet watchlists,
        IReadOnlyList<FeedProblem> feedProblems, IReadOnlyList<ConfigNotice> configNotices, DateTimeOffset now, MailKind kind = MailKind.Digest,
        DateTimeOffset? periodStart = null, string? unsubscribe = null)
    {
        var settings = options.Value;
        var wanted = Wanted(recipient, watchlists);
        var labels = DigestLabels.For(recipient.Language, kind);

        var placed = new Dictionary<string, List<DigestItem>>(StringComparer.OrdinalIgnoreCase);
        // One entry per story, under its best-scored report among those that qualify for this recipient and this kind
        // of mail (a report scoring higher on a watchlist they do not get must not hide the story); the other reports
        // are listed with it.
        var stories = candidates.GroupBy(c => c.StoryKey.Length == 0 ? "#" + c.ArticleId : c.StoryKey, StringComparer.Ordinal);
        foreach (var group in stories)
        {
            var reports = group
                .Select(c => (Candidate: c, Qualifying: c.Scores
                    .Select(s => (Score: s, Watchlist: wanted.FirstOrDefault(w => string.Equals(w.Name, s.Watchlist, StringComparison.OrdinalIgnoreCase))))
                    .Where(x => x.Watchlist is not null && ThresholdOf(x.Watchlist, kind, recipient) is { } threshold && x.Score.Score >= threshold)
                    .OrderByDescending(x => x.Score.Score)
                    .ToList()))
                .OrderByDescending(r => r.Qualifying.Count == 0 ? double.MinValue : r.Qualifying[0].Score.Score)
                .ThenBy(r => r.Candidate.ArticleId)
                .ToList();
            var (candidate, qualifying) = reports[0];
            if (qualifying.Count == 0)
                continue;
            var story = reports.Select(r => r.Candidate).ToList();

            var (best, watchlist) = qualifying[0];
            var item = new DigestItem(
                candidate.ArticleId,
                DisplayText.SingleLine(candidate.Title).Length == 0 ? labels.Untitled : candidate.Title,
                candidate.Url,
                candidate.FeedTitle ?? new Uri(candidate.FeedUrl).Host,
                candidate.Published,
                best.Score,
                best.Matches.Select(m => m.Term).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                qualifying.Skip(1).Select(x => x.Watchlist!.Title).ToList(),
                Snippet(candidate.Summary, settings.SnippetLength))
            {
                Highlights = Highlights(best.Matches, watchlist!),
                AlsoReportedBy = story.Skip(1)
                    .Select(c => new DigestAlso(c.ArticleId, c.FeedTitle ?? new Uri(c.FeedUrl).Host, c.Title, c.Url)).ToList(),
            };
            if (!placed.TryGetValue(watchlist!.Name, out var list))
                placed[watchlist.Name] = list = [];
            list.Add(item);
        }

        var sections = new List<DigestSection>();
        foreach (var watchlist in wanted)
        {
            if (!placed.TryGetValue(watchlist.Name, out var items))
                continue;
            var ranked = items.OrderByDescending(i => i.Score).ThenByDescending(i => i.Published).Take(settings.MaxItemsPerWatchlist).ToList();
            sections.Add(new DigestSection(watchlist.Name, watchlist.Title, ThresholdOf(watchlist, kind, recipient)!.Value, ranked));
        }
        if (sections.Count == 0)
            return null;

        var count = sections.Sum(s => s.Items.Count);
        var localDate = TimeZoneInfo.ConvertTime(now, recipient.TimeZoneValue);
        // A feed title in a subject: one line, and short enough to read in a mail list (the header is cut again, cleanly, at 200).
        var subject = labels.Subject(kind, localDate, count, sections.Select(s => s.Title).ToList(),
            DisplayText.Cut(DisplayText.SingleLine(sections[0].Items[0].Title), MaxSubjectTitleLength));
        var draft = new ComposedDigest(recipient.Address, recipient.Name, subject, now, sections,
            sections.SelectMany(s => s.Items).SelectMany(i => i.ArticleIds).ToList(), feedProblems, "", "")
        {
            ConfigNotices = configNotices,
            Kind = kind,
            Language = recipient.Language,
            PeriodStart = periodStart ?? now - TimeSpan.FromDays(settings.MaxArticleAgeDays),
            Unsubscribe = unsubscribe,
        };
        return draft with
        {
            Html = renderer.RenderHtml(draft, recipient.TimeZoneValue),
            Text = renderer.RenderText(draft, recipient.TimeZoneValue),
        };
    }

    /// <summary>Longest article title in an alert's subject, in text elements.</summary>
    public const int MaxSubjectTitleLength = 150;

    /// <summary>
    /// The score an article needs under <paramref name="watchlist"/> for a mail of this kind; null: never. A recipient's
    /// <c>Thresholds</c> overrides the watchlist's digest threshold for them (alerts keep the watchlist's alert threshold).
    /// </summary>
    private static double? ThresholdOf(Watchlist watchlist, MailKind kind, RecipientOptions recipient) =>
        kind == MailKind.Alert ? watchlist.AlertThreshold
        : recipient.ThresholdFor(watchlist.Name) ?? watchlist.Threshold;

    /// <summary>
    /// What to highlight in the snippet: each matched term as written in the article, and every other phrasing of it
    /// (the snippet may use a synonym the score did not need).
    /// </summary>
    private static List<string> Highlights(IReadOnlyList<TermMatch> matches, Watchlist watchlist)
    {
        var terms = matches.Select(m => m.Term).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return matches.Select(m => m.Form ?? m.MatchedPhrase)
            .Concat(watchlist.Terms.Where(t => terms.Contains(t.Term)).SelectMany(t => t.Patterns.OfType<PhrasePattern>()).Select(p => p.Text))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The watchlists a recipient gets: those named in its <c>Watchlists</c> (all when it names none) and those that
    /// name it in their own <c>recipients</c>; a watchlist with <c>recipients</c> goes only to those it names and to
    /// recipients that ask for it by name.
    /// </summary>
    public static IReadOnlyList<Watchlist> Wanted(RecipientOptions recipient, WatchlistSet watchlists) =>
        watchlists.Watchlists.Where(w =>
            recipient.Watchlists.Contains(w.Name, StringComparer.OrdinalIgnoreCase)
            || w.Recipients.Contains(recipient.Address, StringComparer.OrdinalIgnoreCase)
            || (recipient.Watchlists.Count == 0 && w.Recipients.Count == 0)).ToList();

    /// <summary>The start of the summary on one line, cut at a word boundary (never inside a character) with an ellipsis.</summary>
    internal static string Snippet(string summary, int length) =>
        length < 2 ? "" : DisplayText.Cut(DisplayText.SingleLine(summary), length);
}
