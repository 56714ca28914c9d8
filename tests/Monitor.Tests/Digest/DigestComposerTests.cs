using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Digest;

/// <summary>Per-recipient language, thresholds and period, and the alert's own labels.</summary>
public sealed class DigestComposerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private WatchlistSet Watchlists()
    {
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: 4\n    alert: 6", StringComparison.Ordinal));
        return new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
    }

    private static DigestCandidate Candidate(long id, string title, double score) => new(
        id, title, $"https://news.example.test/{id}", "https://news.example.test/feed", "News", "Nvidia export controls tightened again.",
        Now.AddHours(-1), Now.AddHours(-1), [new StoredScore("chips", score, [new TermMatch("Nvidia", "nvidia", "title", 2)])]);

    private static ComposedDigest? Compose(RecipientOptions recipient, WatchlistSet watchlists, MailKind kind = MailKind.Digest, DateTimeOffset? since = null) =>
        TestRenderer.Composer().Compose(recipient, [Candidate(1, "Nvidia controls", 5.5), Candidate(2, "Nvidia again", 9)], watchlists, [], [], Now, kind, since);

    [Fact]
    public void A_french_recipient_gets_french_labels_dates_numbers_and_subject()
    {
        var digest = Compose(new RecipientOptions { Address = "a@example.org", Language = "fr" }, Watchlists())!;

        Assert.Equal("Veille Monitor, 23 nov. 2026\u00a0: 2 nouveaux articles sur Chips and export controls", digest.Subject);
        Assert.Contains("Aussi publié par", TestRenderer.Composer().Compose(new RecipientOptions { Address = "a@example.org", Language = "fr" },
            [Candidate(1, "Nvidia controls", 5.5), Candidate(2, "Nvidia again", 9) with { StoryKey = "s" }, Candidate(3, "Nvidia bis", 8) with { StoryKey = "s" }],
            Watchlists(), [], [], Now)!.Html);
        Assert.Contains("<html lang=\"fr\">", digest.Html);
        Assert.Contains("lun. 23 nov. 2026 06:00 (Europe/Paris)", digest.Html);
        Assert.Contains("score <b>5,5</b>", digest.Html);
        Assert.Contains("2 nouveaux articles", digest.Text);
        Assert.Contains("Modifiez config/watchlists.yaml", digest.Text);
    }

    [Theory]
    [InlineData(MailKind.Digest)]
    [InlineData(MailKind.Alert)]
    public void A_story_whose_best_report_scores_on_a_watchlist_the_recipient_does_not_get_still_reaches_them(MailKind kind)
    {
        // Two reports of one story: the first scores 20 on "ai" (another recipient's watchlist, no alert threshold), the
        // second 8 on "chips", this recipient's (threshold 4, alert 6).
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: 4\n    alert: 6", StringComparison.Ordinal) + """

              - name: ai
                title: AI labs
                threshold: 4
                recipients: ["other@example.org"]
                terms:
                  - term: DeepSeek
                    weight: 3
            """);
        var watchlists = new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
        var other = Candidate(1, "DeepSeek story", 0) with { Scores = [new StoredScore("ai", 20, [new TermMatch("DeepSeek", "deepseek", "title", 3)])], StoryKey = "story" };
        var theirs = Candidate(2, "Nvidia story", 8) with { StoryKey = "story" };

        var digest = TestRenderer.Composer().Compose(new RecipientOptions { Address = "analyst@example.org" }, [other, theirs], watchlists, [], [], Now, kind);

        var item = Assert.Single(Assert.Single(digest!.Sections).Items);
        Assert.Equal("chips", digest.Sections[0].Watchlist);
        Assert.Equal(2, item.ArticleId);
        Assert.Equal([2L, 1L], item.ArticleIds);
    }

    [Fact]
    public void An_english_recipient_keeps_the_existing_subject()
    {
        var digest = Compose(new RecipientOptions { Address = "a@example.org" }, Watchlists())!;

        Assert.Equal("Monitor digest, 23 Nov 2026: 2 new articles on Chips and export controls", digest.Subject);
        Assert.Contains("<html lang=\"en\">", digest.Html);
    }

    [Fact]
    public void A_recipient_threshold_overrides_the_watchlist_threshold_for_that_recipient_only()
    {
        var watchlists = Watchlists();

        var strict = Compose(new RecipientOptions { Address = "a@example.org", Thresholds = new() { ["CHIPS"] = 6 } }, watchlists)!;
        var standard = Compose(new RecipientOptions { Address = "b@example.org" }, watchlists)!;
        var none = Compose(new RecipientOptions { Address = "c@example.org", Thresholds = new() { ["chips"] = 50 } }, watchlists);

        Assert.Equal([2L], strict.ArticleIds);
        Assert.Equal(6, strict.Sections[0].Threshold);
        Assert.Equal([1L, 2L], standard.ArticleIds.Order());
        Assert.Null(none);
    }

    [Fact]
    public void An_alert_has_its_own_title_and_subject_and_ignores_recipient_digest_thresholds()
    {
        var alert = Compose(new RecipientOptions { Address = "a@example.org", Thresholds = new() { ["chips"] = 50 } }, Watchlists(), MailKind.Alert)!;

        Assert.Equal("Monitor alert: Nvidia again", alert.Subject);
        Assert.Contains(">Monitor alert<", alert.Html);
        Assert.StartsWith("Monitor alert - ", alert.Text);
        Assert.Contains("You receive this alert", alert.Text);
        Assert.Equal([2L], alert.ArticleIds);
    }

    [Fact]
    public void The_header_gives_the_period_since_the_previous_digest()
    {
        var digest = Compose(new RecipientOptions { Address = "a@example.org" }, Watchlists(), since: Now.AddDays(-1))!;
        var first = Compose(new RecipientOptions { Address = "a@example.org" }, Watchlists())!;

        Assert.Contains("From Sun 22 Nov 2026 07:00 (Europe/Paris) to Mon 23 Nov 2026 07:00 (Europe/Paris)", digest.Html);
        Assert.Contains("From Mon 16 Nov 2026 07:00 (Europe/Paris) to Mon 23 Nov 2026 07:00 (Europe/Paris)", first.Text);
        Assert.Contains("Watchlists: Chips and export controls", digest.Text);
    }

    [Fact]
    public void A_hostile_title_reaches_the_subject_on_one_line_and_cut_cleanly()
    {
        var title = "Breaking\r\nBcc: victim@example.org \u2028" + string.Concat(Enumerable.Repeat("🚀 تصدير ", 2000));
        var alert = TestRenderer.Composer().Compose(new RecipientOptions { Address = "a@example.org" }, [Candidate(1, title, 9)], Watchlists(), [], [], Now, MailKind.Alert)!;

        Assert.DoesNotContain('\n', alert.Subject);
        Assert.DoesNotContain('\u2028', alert.Subject);
        Assert.True(new System.Globalization.StringInfo(alert.Subject).LengthInTextElements <= DigestComposer.MaxSubjectTitleLength + 20);
        Assert.EndsWith("…", alert.Subject);
        Assert.DoesNotContain("Bcc: victim@example.org\n", alert.Text);
    }
}
