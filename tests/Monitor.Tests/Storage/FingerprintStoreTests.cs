using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>What dedup remembers survives a restart (stored, read back unchanged) and ages out.</summary>
public sealed class FingerprintStoreTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private MonitorDatabase Database => _temp.Database;

    [Fact]
    public async Task Fingerprints_AreStoredWithTheArticle_ReadBackUnchanged_AndAgedOut()
    {
        var dedup = new Deduplicator(new SeedCorpus([]), Options.Create(new DedupOptions()), TimeProvider.System);
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"mot{i % 97}x{i}")) + " Bank of China said on January 23 it would lend 1 trillion yuan.";
        var fingerprint = dedup.Fingerprint("Title", "", text);
        var articles = new ArticleStore(Database);
        var store = new FingerprintStore(Database);
        var verdict = DedupVerdict.New(0, 0.5);
        await articles.AddAsync([
            new NewArticle("https://feed.example/rss", new FeedItem("url:a.example/old", null, "https://a.example/old", "Old", "", text, null, null), verdict, new ScoredArticle([]), Now.AddDays(-100), fingerprint),
            new NewArticle("https://feed.example/rss", new FeedItem("url:a.example/new", null, "https://a.example/new", "New", "", text, null, null), verdict, new ScoredArticle([]), Now, fingerprint),
        ], CancellationToken.None);

        var loaded = await store.LoadSinceAsync(Now.AddDays(-90), 96, CancellationToken.None);
        var deleted = await store.DeleteOlderThanAsync(Now.AddDays(-90), CancellationToken.None);

        var stored = Assert.Single(loaded);
        Assert.Equal("url:a.example/new", stored.ArticleKey);
        Assert.Equal(fingerprint.Signatures.Count, stored.Fingerprint.Signatures.Count);
        Assert.True(fingerprint.Signatures.Count > 1, "a 400-word text has several windows");
        Assert.All(fingerprint.Signatures.Zip(stored.Fingerprint.Signatures), pair => Assert.Equal(pair.First, pair.Second));
        Assert.Equal(fingerprint.Shingles, stored.Fingerprint.Shingles);
        Assert.Equal(fingerprint.Anchors.OrderBy(a => a.ToString()), stored.Fingerprint.Anchors.OrderBy(a => a.ToString()));
        Assert.Contains(new Anchor(AnchorKind.Amount, "cny:1E+12"), stored.Fingerprint.Anchors);
        Assert.Equal(fingerprint.Shingles, store.Shingles("url:a.example/new"));
        Assert.Equal(1, deleted);
        Assert.Null(store.Shingles("url:a.example/old"));
    }
}
