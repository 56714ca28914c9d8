using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Delivery;
using Monitor.Dedup;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scheduling;

/// <summary>Which hits alert, when, and how often, on a real SQLite file and a fake clock.</summary>
public sealed class AlertCycleTests : IAsyncLifetime, IDisposable
{
    private const string Recipient = "analyst@example.org";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly TempConfig _config = new();
    private readonly FakeTimeProvider _time = new(Start);
    private TempDatabase _temp = null!;
    private WatchlistSet _watchlists = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        _config.Write("watchlists.yaml", """
            watchlists:
              - name: chips
                title: Chips
                threshold: 4
                alert: 8
                terms: [Nvidia]
              - name: quiet
                threshold: 4
                terms: [Huawei]
            """);
        _watchlists = new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    public void Dispose() => _config.Dispose();

    private ArticleStore Articles => new(_temp.Database);

    private OutboxStore Outbox => new(_temp.Database);

    private AlertCycle Cycle(int batchMinutes = 5, int maxPerHour = 4, int maxAgeHours = 24) => new(
        Articles, new AlertStore(_temp.Database), Outbox,
        new DigestComposer(TestRenderer.Create(), Options.Create(new DigestOptions())),
        new MailMessageBuilder(Options.Create(new SmtpOptions())),
        Options.Create(new AlertOptions { BatchMinutes = batchMinutes, MaxPerHour = maxPerHour, MaxAgeHours = maxAgeHours }),
        Options.Create(new DigestOptions()), Options.Create(new SmtpOptions()), _time, NullLogger<AlertCycle>.Instance);

    private static RecipientOptions Analyst(bool alerts = true) => new() { Address = Recipient, Alerts = alerts };

    /// <summary>Stores one article found now with this score on <paramref name="watchlist"/>; a second report of <paramref name="storyOf"/> when given.</summary>
    private async Task<long> FoundAsync(string key, double score, string watchlist = "chips", string? storyOf = null, TimeSpan ago = default)
    {
        var verdict = storyOf is null ? DedupVerdict.New(0, 0.5) : new DedupVerdict(DedupOutcome.SameStory, null, null, storyOf, DedupVerdict.Jaccard, 0.8, 0.5, []);
        var found = _time.GetUtcNow() - ago;
        await Articles.AddAsync([new NewArticle("https://feed.example/rss",
            new FeedItem(key, null, "https://site.example/" + key, "Title " + key, "Summary of " + key, "", found, null), verdict,
            new ScoredArticle([new WatchlistScore(watchlist, score, 4, [new TermMatch("Nvidia", "Nvidia", "title", score)])]), found)], CancellationToken.None);
        return (await Articles.DigestCandidatesAsync("nobody@example.org", Start.AddDays(-30), CancellationToken.None)).Single(c => c.Title == "Title " + key).ArticleId;
    }

    private Task<IReadOnlyList<ComposedDigest>> QueueAsync(AlertCycle cycle, RecipientOptions? recipient = null, bool holdForBatch = true) =>
        cycle.QueueAsync([recipient ?? Analyst()], _watchlists, holdForBatch, CancellationToken.None);

    private async Task SendAllAsync()
    {
        foreach (var message in await Outbox.PendingAsync(CancellationToken.None))
            await Outbox.MarkSentAsync(message.Id, _time.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task Alert_candidates_are_the_articles_at_the_lowest_alert_threshold_read_with_all_their_scores()
    {
        var found = _time.GetUtcNow();
        await Articles.AddAsync([
            new NewArticle("https://feed.example/rss", new FeedItem("hit", null, "https://site.example/hit", "Title hit", "Summary", "", found, null),
                DedupVerdict.New(0, 0.5), new ScoredArticle([
                    new WatchlistScore("chips", 9, 4, [new TermMatch("Nvidia", "Nvidia", "title", 9)]),
                    new WatchlistScore("quiet", 4, 4, [new TermMatch("Huawei", "Huawei", "title", 4)])]), found),
            new NewArticle("https://feed.example/rss", new FeedItem("low", null, "https://site.example/low", "Title low", "Summary", "", found, null),
                DedupVerdict.New(0, 0.5), new ScoredArticle([new WatchlistScore("chips", 7.5, 4, [new TermMatch("Nvidia", "Nvidia", "title", 7.5)])]), found),
        ], CancellationToken.None);

        var candidates = await Articles.AlertCandidatesAsync(Recipient, found.AddHours(-1), 8, CancellationToken.None);

        var hit = Assert.Single(candidates);
        Assert.Equal("Title hit", hit.Title);
        Assert.Equal(["chips", "quiet"], hit.Scores.Select(s => s.Watchlist).Order().ToArray());
        Assert.Equal(2, (await Articles.DigestCandidatesAsync(Recipient, found.AddHours(-1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Hits_wait_for_the_batch_window_of_the_oldest_then_go_out_together_in_one_alert()
    {
        var cycle = Cycle(batchMinutes: 5);
        var first = await FoundAsync("a", 9);
        Assert.Empty(await QueueAsync(cycle));

        _time.Advance(TimeSpan.FromMinutes(2));
        var second = await FoundAsync("b", 12);
        Assert.Empty(await QueueAsync(cycle));

        _time.Advance(TimeSpan.FromMinutes(3));
        var alert = Assert.Single(await QueueAsync(cycle));

        Assert.Equal(MailKind.Alert, alert.Kind);
        Assert.Equal([second, first], alert.ArticleIds);
        Assert.StartsWith("Monitor alert: 2 articles", alert.Subject);
        var queued = Assert.Single(await Outbox.PendingAsync(CancellationToken.None));
        Assert.Equal(OutboxKind.Alert, queued.Kind);
        Assert.Equal(Recipient, queued.Recipient);
        Assert.Empty(await QueueAsync(cycle));
    }

    [Fact]
    public async Task Articles_below_the_alert_threshold_or_on_a_watchlist_without_one_wait_for_the_digest()
    {
        await FoundAsync("digest-only", 6);
        await FoundAsync("no-alert-threshold", 50, watchlist: "quiet");
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await QueueAsync(Cycle()));
        Assert.Equal(2, (await Articles.DigestCandidatesAsync(Recipient, Start.AddDays(-7), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_recipient_with_alerts_off_gets_none()
    {
        await FoundAsync("a", 20);

        Assert.Empty(await QueueAsync(Cycle(batchMinutes: 0), Analyst(alerts: false)));
        Assert.Empty(await Outbox.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Hits_found_before_the_alert_age_window_wait_for_the_digest()
    {
        await FoundAsync("old", 20, ago: TimeSpan.FromHours(25));

        Assert.Empty(await QueueAsync(Cycle(maxAgeHours: 24)));
    }

    [Fact]
    public async Task Over_the_rate_limit_hits_wait_until_the_oldest_alert_of_the_hour_leaves_the_window()
    {
        var cycle = Cycle(batchMinutes: 0, maxPerHour: 2);
        await FoundAsync("a", 9);
        Assert.Single(await QueueAsync(cycle));
        await SendAllAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        await FoundAsync("b", 9);
        Assert.Single(await QueueAsync(cycle));
        await SendAllAsync();

        _time.Advance(TimeSpan.FromMinutes(10));
        await FoundAsync("c", 9);
        _time.Advance(TimeSpan.FromMinutes(20));
        await FoundAsync("d", 9);
        Assert.Empty(await QueueAsync(cycle));
        _time.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.Empty(await QueueAsync(cycle));

        _time.Advance(TimeSpan.FromSeconds(1));
        var late = Assert.Single(await QueueAsync(cycle));
        Assert.Equal(2, late.ItemCount);
    }

    [Fact]
    public async Task A_story_gets_one_alert_even_when_another_site_reports_it_while_the_alert_waits_or_after()
    {
        var cycle = Cycle(batchMinutes: 0);
        var first = await FoundAsync("wire", 9);
        var together = await FoundAsync("daily", 8.5, storyOf: "wire");
        var alert = Assert.Single(await QueueAsync(cycle));
        var item = Assert.Single(alert.Sections.SelectMany(s => s.Items));
        Assert.Equal(first, item.ArticleId);
        Assert.Equal([first, together], alert.ArticleIds);

        // The SMTP server is down: the alert waits in the outbox while a third site reports the story, scoring higher.
        _time.Advance(TimeSpan.FromMinutes(10));
        await FoundAsync("weekly", 14, storyOf: "wire");
        Assert.Empty(await QueueAsync(cycle));

        await SendAllAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await QueueAsync(cycle));
        Assert.Empty(await Articles.DigestCandidatesAsync(Recipient, Start.AddDays(-7), CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_later_report_of_a_story_whose_digest_waits_in_the_outbox_is_not_in_the_next_digest(bool repeatAlerted)
    {
        var first = await FoundAsync("first", 5);
        Assert.NotNull(await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<d1@x>", "S", [1], [first], Start, repeatAlerted, CancellationToken.None));
        // The SMTP server is down; meanwhile another site reports the same story.
        var later = await FoundAsync("later", 6, storyOf: "first");

        var candidates = await Articles.DigestCandidatesAsync(Recipient, Start.AddDays(-7), repeatAlerted, CancellationToken.None);

        Assert.DoesNotContain(candidates, c => c.ArticleId == later);
        // Not lost either: once the first digest is sent, the story counts as sent and the later report stays out.
        await SendAllAsync();
        Assert.DoesNotContain(await Articles.DigestCandidatesAsync(Recipient, Start.AddDays(-7), repeatAlerted, CancellationToken.None), c => c.ArticleId == later);
    }

    [Fact]
    public async Task An_article_already_in_a_digest_never_alerts()
    {
        var id = await FoundAsync("a", 9);
        var digest = await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<d@x>", "S", [1], [id], Start, CancellationToken.None);
        await Outbox.MarkSentAsync(digest!.Value, Start, CancellationToken.None);

        Assert.Empty(await QueueAsync(Cycle(batchMinutes: 0)));
    }

    [Fact]
    public async Task Alerted_articles_stay_out_of_the_digest_unless_it_repeats_alerts_and_then_are_in_one_digest_only()
    {
        var id = await FoundAsync("a", 9);
        Assert.Single(await QueueAsync(Cycle(batchMinutes: 0)));
        await SendAllAsync();
        var since = Start.AddDays(-7);

        Assert.Empty(await Articles.DigestCandidatesAsync(Recipient, since, CancellationToken.None));
        Assert.Null(await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<plain@x>", "S", [1], [id], Start, CancellationToken.None));

        var repeated = Assert.Single(await Articles.DigestCandidatesAsync(Recipient, since, includeAlerted: true, CancellationToken.None));
        Assert.Equal(id, repeated.ArticleId);
        var digest = await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<d1@x>", "S", [1], [id], Start, repeatAlerted: true, CancellationToken.None);
        Assert.NotNull(digest);
        Assert.Null(await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<d2@x>", "S", [1], [id], Start, repeatAlerted: true, CancellationToken.None));
        await Outbox.MarkSentAsync(digest.Value, Start, CancellationToken.None);

        Assert.Empty(await Articles.DigestCandidatesAsync(Recipient, since, includeAlerted: true, CancellationToken.None));
        Assert.Null(await Outbox.EnqueueAsync(OutboxKind.Digest, Recipient, "<d3@x>", "S", [1], [id], Start, repeatAlerted: true, CancellationToken.None));
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await QueueAsync(Cycle(batchMinutes: 0)));
    }
}
