using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>Feed state on a real SQLite file.</summary>
public sealed class FeedStateStoreTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;
    private FeedStateStore _store = null!;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private const string Url = "https://feed.example/rss";

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        _store = new FeedStateStore(_temp.Database);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Repairs_are_kept_across_a_304_and_cleared_when_the_feed_is_well_formed_again()
    {
        await _store.RecordSuccessAsync(Url, "T", "\"v1\"", null, Now, Now.AddMinutes(30), ["2 HTML entities replaced"], TimeSpan.FromMinutes(30), CancellationToken.None);
        await _store.RecordSuccessAsync(Url, "T", "\"v1\"", null, Now.AddMinutes(30), Now.AddMinutes(60), null, TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.Equal("2 HTML entities replaced", (await _store.FindAsync(Url, CancellationToken.None))!.LastRepairs);

        await _store.RecordSuccessAsync(Url, "T", "\"v2\"", null, Now.AddMinutes(60), Now.AddMinutes(90), [], TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.Null((await _store.FindAsync(Url, CancellationToken.None))!.LastRepairs);
    }

    [Fact]
    public async Task Failures_count_up_keep_the_validators_and_reset_on_success()
    {
        await _store.RecordSuccessAsync(Url, "T", "\"v1\"", "Mon, 23 Nov 2026 06:00:00 GMT", Now, Now.AddMinutes(30), [], TimeSpan.FromMinutes(30), CancellationToken.None);
        await _store.RecordFailureAsync(Url, "HTTP 500", Now.AddMinutes(30), Now.AddMinutes(60), CancellationToken.None);
        await _store.RecordFailureAsync(Url, "HTTP 502", Now.AddMinutes(60), Now.AddMinutes(120), CancellationToken.None);

        var failing = (await _store.FindAsync(Url, CancellationToken.None))!;
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.Equal(Now.AddMinutes(30), failing.FailingSince);
        Assert.Equal("HTTP 502", failing.LastError);
        Assert.Equal("\"v1\"", failing.ETag);
        Assert.Equal(Now, failing.FirstPolledAt);
        Assert.Equal(Now, failing.LastSuccessAt);

        await _store.RecordSuccessAsync(Url, "T", "\"v2\"", null, Now.AddMinutes(120), Now.AddMinutes(150), [], TimeSpan.FromMinutes(30), CancellationToken.None);
        var recovered = (await _store.FindAsync(Url, CancellationToken.None))!;
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Null(recovered.LastError);
        Assert.Null(recovered.FailingSince);
        Assert.Equal(TimeSpan.FromMinutes(30), recovered.PollInterval);
        Assert.Equal(Now, recovered.FirstPolledAt);
    }

    [Fact]
    public async Task A_tick_claims_a_feed_due_by_its_horizon_and_once_polled_not_again_until_due()
    {
        await _store.RecordSuccessAsync(Url, "T", null, null, Now, Now.AddMinutes(5), [], TimeSpan.FromMinutes(5), CancellationToken.None);
        var tick = Now.AddMinutes(5).AddSeconds(-20);

        Assert.False(await _store.TryClaimAsync(Url, "p1", tick, tick.AddMinutes(2), dueBy: tick.AddSeconds(10), CancellationToken.None));
        Assert.True(await _store.TryClaimAsync(Url, "p1", tick, tick.AddMinutes(2), dueBy: tick.AddSeconds(30), CancellationToken.None));
        Assert.False(await _store.TryClaimAsync(Url, "p2", tick, tick.AddMinutes(2), dueBy: tick.AddSeconds(30), CancellationToken.None));

        await _store.RecordSuccessAsync(Url, "T", null, null, tick, tick.AddMinutes(5), [], TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.False(await _store.TryClaimAsync(Url, "p2", tick, tick.AddMinutes(2), dueBy: tick.AddSeconds(30), CancellationToken.None));
        Assert.True(await _store.TryClaimAsync(Url, "p2", tick, tick.AddMinutes(2), dueBy: null, CancellationToken.None));
    }
}
