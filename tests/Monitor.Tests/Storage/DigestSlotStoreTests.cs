using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>Digest slot claims on a real SQLite file: one winner per (recipient, slot), and nothing kept from a claim not committed.</summary>
public sealed class DigestSlotStoreTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task A_committed_slot_cannot_be_claimed_again_but_another_slot_or_recipient_can()
    {
        var slots = new DigestSlotStore(_temp.Database);
        await using (var claim = await slots.TryClaimAsync("r@example.org", Slot, "p1", catchUp: false, Slot, CancellationToken.None))
        {
            Assert.NotNull(claim);
            Assert.NotNull(await claim.EnqueueAsync("digest", "<a@x>", "S", [1], [], Slot, repeatAlerted: false, CancellationToken.None));
            await claim.CommitAsync(CancellationToken.None);
        }

        Assert.Null(await slots.TryClaimAsync("r@example.org", Slot, "p2", catchUp: true, Slot.AddHours(3), CancellationToken.None));
        Assert.True(await slots.IsClaimedAsync("r@example.org", Slot, CancellationToken.None));
        await using (var other = await slots.TryClaimAsync("r@example.org", Slot.AddDays(1), "p2", catchUp: false, Slot.AddDays(1), CancellationToken.None))
            Assert.NotNull(other);
        await using (var otherRecipient = await slots.TryClaimAsync("o@example.org", Slot, "p2", catchUp: false, Slot, CancellationToken.None))
            Assert.NotNull(otherRecipient);
        Assert.Single(await new OutboxStore(_temp.Database).PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_not_committed_gives_the_slot_back_with_nothing_queued()
    {
        var slots = new DigestSlotStore(_temp.Database);
        await using (var claim = await slots.TryClaimAsync("r@example.org", Slot, "p1", catchUp: false, Slot, CancellationToken.None))
        {
            Assert.NotNull(claim);
            Assert.NotNull(await claim.EnqueueAsync("digest", "<a@x>", "S", [1], [], Slot, repeatAlerted: false, CancellationToken.None));
            // The process dies here: no commit.
        }

        Assert.False(await slots.IsClaimedAsync("r@example.org", Slot, CancellationToken.None));
        Assert.Empty(await new OutboxStore(_temp.Database).PendingAsync(CancellationToken.None));
        await using var again = await slots.TryClaimAsync("r@example.org", Slot, "p2", catchUp: true, Slot, CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Two_claimers_at_once_have_one_winner()
    {
        var first = new DigestSlotStore(_temp.Database);
        var second = new DigestSlotStore(_temp.Database);

        async Task<bool> ClaimAsync(DigestSlotStore store, string owner)
        {
            await using var claim = await store.TryClaimAsync("r@example.org", Slot, owner, catchUp: false, Slot, CancellationToken.None);
            if (claim is null)
                return false;
            await claim.CommitAsync(CancellationToken.None);
            return true;
        }

        var won = await Task.WhenAll(Task.Run(() => ClaimAsync(first, "p1")), Task.Run(() => ClaimAsync(second, "p2")));

        Assert.Equal(1, won.Count(w => w));
    }

    [Fact]
    public async Task A_digest_whose_articles_another_process_queued_leaves_the_slot_claimed_and_nothing_queued()
    {
        var articles = new ArticleStore(_temp.Database);
        var outbox = new OutboxStore(_temp.Database);
        var item = new NewArticle("https://feed.example/rss",
            new Monitor.Feeds.FeedItem("https://a.example/1", null, "https://a.example/1", "Title", "Summary", "", Slot, null),
            Monitor.Dedup.DedupVerdict.New(0, 0.5),
            new Monitor.Scoring.ScoredArticle([new Monitor.Scoring.WatchlistScore("chips", 5, 4, [])]), Slot);
        await articles.AddAsync([item], CancellationToken.None);
        var ids = (await articles.DigestCandidatesAsync("r@example.org", Slot.AddDays(-7), CancellationToken.None)).Select(c => c.ArticleId).ToList();
        // monitor once queued them first.
        Assert.NotNull(await outbox.EnqueueAsync("digest", "r@example.org", "<once@x>", "S", [1], ids, Slot, repeatAlerted: false, CancellationToken.None));

        await using (var claim = await new DigestSlotStore(_temp.Database).TryClaimAsync("r@example.org", Slot, "p1", catchUp: false, Slot, CancellationToken.None))
        {
            Assert.Null(await claim!.EnqueueAsync("digest", "<slot@x>", "S", [2], ids, Slot, repeatAlerted: false, CancellationToken.None));
            await claim.CommitAsync(CancellationToken.None);
        }

        Assert.True(await new DigestSlotStore(_temp.Database).IsClaimedAsync("r@example.org", Slot, CancellationToken.None));
        Assert.Equal(["<once@x>"], (await outbox.PendingAsync(CancellationToken.None)).Select(m => m.MessageId));
    }
}
