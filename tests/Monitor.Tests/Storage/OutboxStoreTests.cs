using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>The exactly-once bookkeeping on a real SQLite file.</summary>
public sealed class OutboxStoreTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private MonitorDatabase Database => _temp.Database;

    private static NewArticle Article(string key, double score, bool duplicate = false) => new(
        "https://feed.example/rss",
        new FeedItem(key, null, key, "Title " + key, "Summary", "", Now, null),
        duplicate ? new DedupVerdict(DedupOutcome.SeedDuplicate, "seed.txt", 0, null, DedupVerdict.ArticleInSeed, 1, 0.5, []) : DedupVerdict.New(0, 0.5),
        new ScoredArticle(duplicate ? [] : [new WatchlistScore("chips", score, 4, [new TermMatch("Nvidia", "Nvidia", "title", score)])]),
        Now);

    [Fact]
    public async Task Migrate_IsSafeToRunAgain()
    {
        await Database.MigrateAsync(CancellationToken.None);
        await Database.MigrateAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_database_from_a_newer_Monitor_is_refused_with_a_message_and_left_as_it_is()
    {
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        await using (var bump = connection.CreateCommand())
        {
            bump.CommandText = "UPDATE schema_version SET version = 999";
            await bump.ExecuteNonQueryAsync(CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => Database.MigrateAsync(CancellationToken.None));

        Assert.Contains($"has schema version 999, newer than this program's {Migrations.Steps.Count}", refused.Message);
        Assert.Contains(Database.Path, refused.Message);
        await using var check = await Database.OpenAsync(CancellationToken.None);
        await using var version = check.CreateCommand();
        version.CommandText = "SELECT MAX(version) FROM schema_version";
        Assert.Equal(999L, await version.ExecuteScalarAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_by_several_processes_at_once_on_a_new_file_applies_each_step_once()
    {
        // Separate instances, as separate processes would be (two `run`s started together on a new data folder).
        // Several rounds on new files: the race is between reading the version and taking the write lock.
        for (var round = 0; round < 5; round++)
        {
            var folder = Directory.CreateTempSubdirectory("monitor-db-race-").FullName;
            try
            {
                var path = Path.Combine(folder, "monitor.db");
                var logs = Enumerable.Range(0, 4).Select(_ => new RecordingLogger<MonitorDatabase>()).ToList();
                await Task.WhenAll(logs.Select(log => Task.Run(() => new MonitorDatabase(path, log).MigrateAsync(CancellationToken.None))));

                // Every step logged exactly once across the four, and the schema complete.
                var applied = logs.SelectMany(l => l.Entries).Where(e => e.Message.Contains("migrated to schema version", StringComparison.Ordinal)).ToList();
                Assert.Equal(Migrations.Steps.Count, applied.Count);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Candidates_leave_out_duplicates_then_queued_articles_then_sent_articles()
    {
        var articles = new ArticleStore(Database);
        var outbox = new OutboxStore(Database);
        Assert.Equal(3, await articles.AddAsync([Article("https://a.example/1", 5), Article("https://a.example/2", 6), Article("https://a.example/3", 0, duplicate: true)], CancellationToken.None));
        Assert.Equal(0, await articles.AddAsync([Article("https://a.example/1", 5)], CancellationToken.None));

        var candidates = await articles.DigestCandidatesAsync("r@example.org", Now.AddDays(-7), CancellationToken.None);
        Assert.Equal(2, candidates.Count);

        var id = (await outbox.EnqueueAsync("digest", "r@example.org", "<m1@example.org>", "S", [1, 2, 3], candidates.Select(c => c.ArticleId).ToList(), Now, CancellationToken.None))!.Value;
        Assert.Empty(await articles.DigestCandidatesAsync("r@example.org", Now.AddDays(-7), CancellationToken.None));
        Assert.Equal(2, (await articles.DigestCandidatesAsync("other@example.org", Now.AddDays(-7), CancellationToken.None)).Count);

        Assert.True(await outbox.TryLeaseAsync(id, "p1", Now, Now.AddMinutes(10), CancellationToken.None));
        await outbox.MarkFailedAsync(id, "p1", "connection refused", Now, Now.AddMinutes(1), CancellationToken.None);
        var pending = Assert.Single(await outbox.PendingAsync(CancellationToken.None));
        Assert.Equal(1, pending.Attempts);
        Assert.Equal("<m1@example.org>", pending.MessageId);
        Assert.Equal([1, 2, 3], pending.Mime);

        await outbox.MarkSentAsync(id, Now, CancellationToken.None);
        Assert.Empty(await outbox.PendingAsync(CancellationToken.None));
        Assert.Empty(await articles.DigestCandidatesAsync("r@example.org", Now.AddDays(-7), CancellationToken.None));
    }

    [Fact]
    public async Task PendingCounts_count_the_waiting_messages_by_kind_and_leave_out_sent_ones()
    {
        var outbox = new OutboxStore(Database);
        Assert.Empty(await outbox.PendingCountsAsync(CancellationToken.None));
        var sent = (await outbox.EnqueueAsync(OutboxKind.Digest, "a@example.org", "<a@x>", "S", [1], [], Now, CancellationToken.None))!.Value;
        await outbox.EnqueueAsync(OutboxKind.Digest, "b@example.org", "<b@x>", "S", [1], [], Now, CancellationToken.None);
        await outbox.EnqueueAsync(OutboxKind.Digest, "c@example.org", "<c@x>", "S", [1], [], Now, CancellationToken.None);
        await outbox.EnqueueAsync(OutboxKind.Alert, "a@example.org", "<d@x>", "S", [1], [], Now, CancellationToken.None);
        await outbox.MarkSentAsync(sent, Now, CancellationToken.None);

        var counts = await outbox.PendingCountsAsync(CancellationToken.None);

        Assert.Equal(2, counts[OutboxKind.Digest]);
        Assert.Equal(1, counts[OutboxKind.Alert]);
    }

    [Fact]
    public async Task A_second_composer_of_the_same_articles_for_the_same_recipient_loses()
    {
        var articles = new ArticleStore(Database);
        var outbox = new OutboxStore(Database);
        await articles.AddAsync([Article("https://a.example/1", 5), Article("https://a.example/2", 6)], CancellationToken.None);
        // Both processes read the same candidates before either queued its digest.
        var ids = (await articles.DigestCandidatesAsync("r@example.org", Now.AddDays(-7), CancellationToken.None)).Select(c => c.ArticleId).ToList();

        var first = await outbox.EnqueueAsync("digest", "r@example.org", "<a@x>", "S", [1], ids, Now, CancellationToken.None);
        var second = await outbox.EnqueueAsync("digest", "r@example.org", "<b@x>", "S", [2], ids, Now, CancellationToken.None);
        var otherRecipient = await outbox.EnqueueAsync("digest", "o@example.org", "<c@x>", "S", [3], ids, Now, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(otherRecipient);
        Assert.Equal(["<a@x>", "<c@x>"], (await outbox.PendingAsync(CancellationToken.None)).Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_leased_message_is_not_sent_by_another_process_until_the_lease_expires()
    {
        var outbox = new OutboxStore(Database);
        var id = (await outbox.EnqueueAsync("digest", "r@example.org", "<a@x>", "S", [1], [], Now, CancellationToken.None))!.Value;

        Assert.True(await outbox.TryLeaseAsync(id, "p1", Now, Now.AddMinutes(10), CancellationToken.None));
        Assert.False(await outbox.TryLeaseAsync(id, "p2", Now.AddMinutes(1), Now.AddMinutes(11), CancellationToken.None));
        // p1 died mid-send: after the lease, another process may send the same stored message.
        Assert.True(await outbox.TryLeaseAsync(id, "p2", Now.AddMinutes(11), Now.AddMinutes(21), CancellationToken.None));
        // A late failure report from p1 does not release p2's lease.
        await outbox.MarkFailedAsync(id, "p1", "timeout", Now.AddMinutes(12), Now.AddMinutes(13), CancellationToken.None);
        Assert.False(await outbox.TryLeaseAsync(id, "p3", Now.AddMinutes(13), Now.AddMinutes(23), CancellationToken.None));

        await outbox.MarkSentAsync(id, Now.AddMinutes(12), CancellationToken.None);
        Assert.False(await outbox.TryLeaseAsync(id, "p3", Now.AddHours(1), Now.AddHours(2), CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_message_is_due_again_only_at_its_next_attempt_but_listed_as_pending_all_along()
    {
        var outbox = new OutboxStore(Database);
        var failed = (await outbox.EnqueueAsync("digest", "r@example.org", "<a@x>", "S", [1], [], Now, CancellationToken.None))!.Value;
        var fresh = (await outbox.EnqueueAsync("digest", "r@example.org", "<b@x>", "S", [2], [], Now, CancellationToken.None))!.Value;
        Assert.True(await outbox.TryLeaseAsync(failed, "p1", Now, Now.AddMinutes(10), CancellationToken.None));
        await outbox.MarkFailedAsync(failed, "p1", "connection refused", Now, Now.AddMinutes(4), CancellationToken.None);

        Assert.Equal([fresh], (await outbox.PendingAsync(Now.AddMinutes(3), CancellationToken.None)).Select(m => m.Id));
        Assert.Equal([failed, fresh], (await outbox.PendingAsync(Now.AddMinutes(4), CancellationToken.None)).Select(m => m.Id));
        var all = await outbox.PendingAsync(CancellationToken.None);
        Assert.Equal([failed, fresh], all.Select(m => m.Id));
        Assert.Equal(Now.AddMinutes(4), all[0].NextAttemptAt);
        Assert.Null(all[1].NextAttemptAt);
    }

    [Fact]
    public async Task A_lease_is_taken_over_only_from_the_owner_named_and_only_while_it_holds_it()
    {
        var outbox = new OutboxStore(Database);
        var id = (await outbox.EnqueueAsync("digest", "r@example.org", "<a@x>", "S", [1], [], Now, CancellationToken.None))!.Value;
        Assert.True(await outbox.TryLeaseAsync(id, "dead", Now, Now.AddMinutes(10), CancellationToken.None));

        Assert.False(await outbox.TakeOverLeaseAsync(id, "someone-else", "p2", Now.AddMinutes(10), CancellationToken.None));
        Assert.True(await outbox.TakeOverLeaseAsync(id, "dead", "p2", Now.AddMinutes(10), CancellationToken.None));
        Assert.Equal("p2", Assert.Single(await outbox.PendingAsync(CancellationToken.None)).LeaseOwner);
        Assert.False(await outbox.TakeOverLeaseAsync(id, "dead", "p3", Now.AddMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task Same_guid_in_the_same_feed_is_known_even_with_another_link()
    {
        var articles = new ArticleStore(Database);
        var item = Article("https://a.example/1", 5);
        await articles.AddAsync([item with { Item = item.Item with { Guid = "g-1" } }], CancellationToken.None);

        Assert.True(await articles.IsKnownAsync("https://a.example/1-renamed", "https://feed.example/rss", "g-1", CancellationToken.None));
        Assert.False(await articles.IsKnownAsync("https://a.example/1-renamed", "https://other.example/rss", "g-1", CancellationToken.None));
        Assert.True(await articles.IsKnownAsync("https://a.example/1", "https://other.example/rss", null, CancellationToken.None));
    }
}
