using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Dedup;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scheduling;

/// <summary>A watchlist edit put in force while the worker runs re-scores the recent articles stored in a real SQLite file.</summary>
public sealed class RescoreCycleTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private readonly TempConfig _config = new();
    private TempDatabase _temp = null!;

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    public void Dispose() => _config.Dispose();

    private WatchlistSet Load(string yaml)
    {
        _config.Write("watchlists.yaml", yaml);
        return new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
    }

    private const string Before = """
        watchlists:
          - name: chips
            threshold: 4
            terms:
              - term: Nvidia
                weight: 4
        """;

    [Fact]
    public async Task An_edit_rescores_kept_recent_articles_and_leaves_old_and_duplicate_ones()
    {
        var before = Load(Before);
        var matcher = new WatchlistMatcher();
        var articles = new ArticleStore(_temp.Database);
        NewArticle Article(string key, string title, TimeSpan ago, bool duplicate = false) => new(
            "https://feed.example/rss",
            new FeedItem(key, null, "https://site.example/" + key, title, "", "", Now - ago, null),
            duplicate ? new DedupVerdict(DedupOutcome.SeedDuplicate, "seed.txt", 0, null, DedupVerdict.ArticleInSeed, 1, 0.5, []) : DedupVerdict.New(0, 0.5),
            duplicate ? new ScoredArticle([]) : matcher.Score(before, title, "", ""),
            Now - ago);
        await articles.AddAsync([
            Article("recent-nvidia", "Nvidia results", TimeSpan.FromHours(2)),
            Article("recent-huawei", "Huawei results", TimeSpan.FromHours(3)),
            Article("old-huawei", "Huawei last month", TimeSpan.FromDays(30)),
            Article("dup-huawei", "Huawei copy", TimeSpan.FromHours(1), duplicate: true),
        ], CancellationToken.None);
        var rescore = new RescoreCycle(new ArticleReader(_temp.Database), articles, matcher, Options.Create(new DigestOptions()), new FakeTimeProvider(Now), NullLogger<RescoreCycle>.Instance);

        Assert.Equal(0, await rescore.RunIfChangedAsync(before, CancellationToken.None));
        Assert.Equal(0, await rescore.RunIfChangedAsync(before, CancellationToken.None));
        var after = Load(Before.Replace("weight: 4", "weight: 4\n      - term: Huawei\n        weight: 5", StringComparison.Ordinal)
            .Replace("- term: Nvidia\n        weight: 4", "- term: Nvidia\n        weight: 1", StringComparison.Ordinal));
        var count = await rescore.RunIfChangedAsync(after, CancellationToken.None);

        Assert.Equal(2, count);
        var candidates = await articles.DigestCandidatesAsync("analyst@example.org", Now - TimeSpan.FromDays(60), CancellationToken.None);
        var scores = candidates.ToDictionary(c => c.Title, c => c.Scores.Single().Score);
        Assert.Equal(1.5, scores["Nvidia results"]);
        Assert.Equal(7.5, scores["Huawei results"]);
        Assert.False(scores.ContainsKey("Huawei last month"));
        Assert.False(scores.ContainsKey("Huawei copy"));
        var explained = await articles.ExplainAsync("https://site.example/recent-huawei", null, CancellationToken.None);
        Assert.Equal("Huawei", Assert.Single(Assert.Single(explained!.Scores).Matches).Term);
    }
}
