using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>How the real program plans polls from what real HTTP servers answer, read back from its SQLite file.</summary>
public sealed class FeedSchedulingTests : IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    private string[] Args => _config.Args("once");

    private async Task<FeedState> StateAsync(string path)
    {
        var database = new MonitorDatabase(Path.Combine(_config.DataFolder, "monitor.db"), NullLogger<MonitorDatabase>.Instance);
        return (await new FeedStateStore(database).FindAsync(_feeds.Url(path).AbsoluteUri, CancellationToken.None))!;
    }

    private void FeedWithInterval(string path, string interval) =>
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url(path)}\n    interval: {interval}\n");

    [Fact]
    public async Task A_429_with_Retry_After_is_not_polled_again_before_the_server_allows()
    {
        _feeds.Handle("busy.xml", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });
        FeedWithInterval("busy.xml", "15m");

        var result = await MonitorProcess.RunAsync(Args);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("HTTP 429 Too Many Requests, retry after 7200 s", result.StandardOutput);
        var state = await StateAsync("busy.xml");
        Assert.Equal(TimeSpan.FromHours(2), state.NextPollAt - state.LastPolledAt);
    }

    [Fact]
    public async Task A_feed_that_fails_then_recovers_returns_to_its_interval()
    {
        _feeds.Fail("flaky.xml", 500);
        FeedWithInterval("flaky.xml", "20m");

        await MonitorProcess.RunAsync(Args);
        await MonitorProcess.RunAsync(Args);
        var failing = await StateAsync("flaky.xml");

        _feeds.Serve("flaky.xml", SampleFeeds.Rss("Flaky", ("Back", "https://news.example.test/back", "It works again.", TimeSpan.FromHours(1))));
        await MonitorProcess.RunAsync(Args);
        var recovered = await StateAsync("flaky.xml");

        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.NotNull(failing.FailingSince);
        // Second failure: 20 min doubled, within the ±10% jitter.
        Assert.InRange(failing.NextPollAt!.Value - failing.LastPolledAt!.Value, TimeSpan.FromMinutes(36), TimeSpan.FromMinutes(44));
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Null(recovered.FailingSince);
        Assert.Null(recovered.LastError);
        Assert.Equal(TimeSpan.FromMinutes(20), recovered.NextPollAt - recovered.LastPolledAt);
    }

    [Fact]
    public async Task The_ETag_goes_back_to_the_server_and_a_304_costs_no_parsing()
    {
        string? ifNoneMatch = null;
        _feeds.Handle("etag.xml", async context =>
        {
            ifNoneMatch = context.Request.Headers.IfNoneMatch;
            if (ifNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(SampleFeeds.Rss("ETag", ("Item", "https://news.example.test/etag", "Text.", TimeSpan.FromHours(1))));
        });
        FeedWithInterval("etag.xml", "15m");

        await MonitorProcess.RunAsync(Args);
        var second = await MonitorProcess.RunAsync(Args);

        Assert.Equal("\"v1\"", ifNoneMatch);
        Assert.Equal(2, _feeds.Hits("etag.xml"));
        Assert.Contains("Feeds: 1 polled, 0 failed", second.StandardOutput);
        Assert.Contains("Articles: 0 new", second.StandardOutput);
        Assert.Equal("\"v1\"", (await StateAsync("etag.xml")).ETag);
    }

    [Fact]
    public async Task A_feed_that_moved_permanently_is_fetched_at_its_new_address_and_keeps_its_articles()
    {
        _feeds.Handle("moved.xml", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "/new-home.xml";
            return Task.CompletedTask;
        });
        _feeds.Serve("new-home.xml", SampleFeeds.Rss("Moved", ("Item", "https://news.example.test/moved", "Text.", TimeSpan.FromHours(1))));
        FeedWithInterval("moved.xml", "15m");

        var first = await MonitorProcess.RunAsync(Args);
        var second = await MonitorProcess.RunAsync(Args);

        Assert.Contains($"moved permanently to {_feeds.Url("new-home.xml")}", first.StandardError);
        Assert.Equal(1, _feeds.Hits("moved.xml"));
        Assert.Equal(2, _feeds.Hits("new-home.xml"));
        Assert.Contains("Articles: 0 new", second.StandardOutput);
        Assert.Equal(_feeds.Url("new-home.xml").AbsoluteUri, (await StateAsync("moved.xml")).MovedTo);
    }

    [Fact]
    public async Task Feeds_list_shows_the_state_of_every_feed()
    {
        _feeds.Serve("ok.xml", SampleFeeds.Rss("Fine", ("Item", "https://news.example.test/ok", "Text.", TimeSpan.FromHours(1))));
        _feeds.Fail("broken.xml", 404);
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("ok.xml")}\n    name: Fine feed\n    interval: 45m\n  - url: {_feeds.Url("broken.xml")}\n");
        await MonitorProcess.RunAsync(Args);
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("ok.xml")}\n    name: Fine feed\n    interval: 45m\n  - url: {_feeds.Url("broken.xml")}\n  - url: {_feeds.Url("later.xml")}\n");

        var result = await MonitorProcess.RunAsync(_config.Args("feeds", "list"));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        var lines = result.StandardOutput.Split('\n');
        Assert.Matches(@"^Fine feed <http://127\.0\.0\.1:\d+/ok\.xml>\s+ok\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+1  every 45m", Assert.Single(lines, l => l.Contains("ok.xml", StringComparison.Ordinal)));
        Assert.Matches(@"FAILING\s+-\s+\d{4}-.*\s0  since .* 1 failure in a row: HTTP 404 Not Found", Assert.Single(lines, l => l.Contains("broken.xml", StringComparison.Ordinal)));
        Assert.Matches(@"new\s+-\s+-\s+0  never polled", Assert.Single(lines, l => l.Contains("later.xml", StringComparison.Ordinal)));
        Assert.Contains("3 feeds: 1 ok, 1 failing, 1 never polled", result.StandardOutput);
    }

    [Fact]
    public async Task The_digest_lists_a_feed_failing_for_more_than_a_day_and_not_one_failing_for_minutes()
    {
        _feeds.Fail("long-broken.xml", 500);
        _feeds.Fail("just-broken.xml", 503);
        _feeds.Serve("news.xml", SampleFeeds.Rss("News", ("Nvidia export controls", "https://news.example.test/n1", "Export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("long-broken.xml")}\n  - url: {_feeds.Url("news.xml")}\n");
        var first = await MonitorProcess.RunAsync(Args);
        Assert.True(first.ExitCode == 0, first.AllOutput);
        // A day and more goes by for the first broken feed.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_config.DataFolder, "monitor.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE feeds SET failing_since = '2026-01-01T00:00:00.0000000+00:00'";
            await command.ExecuteNonQueryAsync();
        }
        _feeds.Serve("news.xml", SampleFeeds.Rss("News",
            ("Nvidia export controls", "https://news.example.test/n1", "Export controls on Nvidia chips.", TimeSpan.FromHours(1)),
            ("SMIC and export controls", "https://news.example.test/n2", "SMIC hit by export controls on chips.", TimeSpan.FromMinutes(10))));
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("long-broken.xml")}\n  - url: {_feeds.Url("news.xml")}\n  - url: {_feeds.Url("just-broken.xml")}\n");

        var result = await MonitorProcess.RunAsync(Args);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        var digests = Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml").Order().ToList();
        Assert.True(digests.Count == 2, $"{digests.Count} digests; first run:\n{first.AllOutput}\nsecond run:\n{result.AllOutput}");
        var latest = MimeKit.MimeMessage.Load(digests[^1]).TextBody;
        Assert.Contains("Feeds with problems:", latest);
        Assert.Contains($"- {_feeds.Url("long-broken.xml")} (since Thu 1 Jan 2026", latest);
        Assert.Contains("2 failures in a row, last: HTTP 500", latest);
        Assert.DoesNotContain("just-broken.xml", latest);
    }

    [Fact]
    public async Task A_daily_feed_quiet_for_a_month_is_listed_as_silent()
    {
        var items = Enumerable.Range(30, 6).Select(d => ($"Old {d}", $"https://news.example.test/old{d}", "Text.", TimeSpan.FromDays(d))).ToArray();
        _feeds.Serve("quiet.xml", SampleFeeds.Rss("Quiet", items));
        _config.Feeds(_feeds.Url("quiet.xml"));

        await MonitorProcess.RunAsync(Args);
        var list = await MonitorProcess.RunAsync(_config.Args("feeds", "list"));

        Assert.Matches(@"SILENT .* no new item since .* \(30d\), though it usually publishes every 1d", list.StandardOutput);
        Assert.Equal(TimeSpan.FromDays(1), (await StateAsync("quiet.xml")).UsualGap);
    }

    [Fact]
    public async Task A_feed_without_an_explicit_interval_is_polled_at_its_publishing_rhythm()
    {
        var items = Enumerable.Range(0, 6)
            .Select(i => ($"Item {i}", $"https://news.example.test/r{i}", "Text.", TimeSpan.FromHours(4 * i)))
            .ToArray();
        _feeds.Serve("rhythm.xml", SampleFeeds.Rss("Every four hours", items));
        _config.Feeds(_feeds.Url("rhythm.xml"));

        await MonitorProcess.RunAsync(Args);

        var state = await StateAsync("rhythm.xml");
        Assert.Equal(TimeSpan.FromHours(2), state.PollInterval);
        Assert.Equal(TimeSpan.FromHours(2), state.NextPollAt - state.LastPolledAt);
    }
}
