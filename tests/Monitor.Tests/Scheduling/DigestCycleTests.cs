using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Monitor.Cli;
using Monitor.Delivery;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;
using Moq;

namespace Monitor.Tests.Scheduling;

/// <summary>The digest cycle in the real host (Kestrel feed, SQLite file, file-drop mail), with watchlists.yaml edited under it.</summary>
public sealed class DigestCycleTests : IAsyncLifetime
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

    [Fact]
    public async Task A_digest_composed_after_an_invalid_watchlist_edit_says_the_last_good_version_is_in_force()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls tightened", "https://news.example.test/n", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var config = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false);
        using var host = Monitor.Program.CreateBuilder(_config.Paths, config).Build();
        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(CancellationToken.None);
        await host.Services.GetRequiredService<PollCycle>().RunAsync(config.Feeds.Feeds, CancellationToken.None);

        // The analyst's edit: a threshold typed as words, with markup that must reach the mail as text.
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: <b>lots</b>", StringComparison.Ordinal));
        // Saved a moment ago, as the next poll tick would see it (Refresh leaves a file written just now for later).
        File.SetLastWriteTimeUtc(_config.PathOf("watchlists.yaml"), DateTime.UtcNow - TimeSpan.FromSeconds(2));
        host.Services.GetRequiredService<WatchlistProvider>().Refresh();
        var result = await host.Services.GetRequiredService<DigestCycle>().RunAsync(config.Digest.Recipients, CancellationToken.None);

        var digest = Assert.Single(result.Composed);
        Assert.Contains("Nvidia export controls tightened", digest.Html);
        Assert.Contains("watchlists.yaml is invalid, the last good version is in force until it is fixed:", digest.Html);
        Assert.Contains("watchlists.yaml:4: watchlists[0].threshold: must be a number (got '&lt;b&gt;lots&lt;/b&gt;')", digest.Html);
        Assert.DoesNotContain("<b>lots</b>", digest.Html);
        Assert.Contains("watchlists.yaml:4: watchlists[0].threshold: must be a number (got '<b>lots</b>')", digest.Text);
    }

    /// <summary>The real host on the temp folders, with the clock and (optionally) the mail transport replaced, feeds polled once.</summary>
    private async Task<IHost> HostAsync(FakeTimeProvider time, IMailTransport? transport = null)
    {
        var config = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false);
        var builder = Monitor.Program.CreateBuilder(_config.Paths, config);
        builder.Services.AddSingleton<TimeProvider>(time);
        if (transport is not null)
            builder.Services.AddSingleton(transport);
        var host = builder.Build();
        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(CancellationToken.None);
        await host.Services.GetRequiredService<PollCycle>().RunAsync(config.Feeds.Feeds, CancellationToken.None);
        return host;
    }

    private void ServeOneArticle() => ServeArticles(("Nvidia export controls tightened", "https://news.example.test/n"));

    private void ServeArticles(params (string Title, string Link)[] items)
    {
        // Each item's text tells its own event: two items are two stories, not two reports of one.
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", [.. items.Select(i => (i.Title, i.Link, $"{i.Title}: new export controls on chips.", TimeSpan.FromHours(1)))]));
        _config.Feeds(_feeds.Url("rss.xml"));
    }

    [Fact]
    public async Task A_failed_digest_is_retried_by_the_scheduled_passes_only_after_its_backoff_and_by_an_explicit_run_at_once()
    {
        ServeOneArticle();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sent = new List<string>();
        var failuresLeft = 3;
        var transport = new Mock<IMailTransport>();
        transport.Setup(t => t.SendAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync((OutboxMessage m, CancellationToken _) =>
        {
            sent.Add(m.MessageId);
            return failuresLeft-- > 0 ? new DeliveryResult(false, "127.0.0.1:25 (None): Connection refused") : new DeliveryResult(true, "accepted");
        });
        using var host = await HostAsync(time, transport.Object);
        var cycle = host.Services.GetRequiredService<DigestCycle>();
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        var recipient = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Digest.Recipients[0];

        // Attempt 1 fails: next attempt one minute later.
        var first = await cycle.RunSlotAsync(recipient, time.GetUtcNow(), catchUp: false, CancellationToken.None);
        Assert.Single(first.Composed);
        Assert.Equal(time.GetUtcNow().AddMinutes(1), Assert.Single(await outbox.PendingAsync(CancellationToken.None)).NextAttemptAt);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await cycle.SendPendingAsync(SendScope.Due, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        // Attempt 2 fails: two minutes.
        Assert.False(Assert.Single(await cycle.SendPendingAsync(SendScope.Due, CancellationToken.None)).Delivered);
        Assert.Equal(time.GetUtcNow().AddMinutes(2), Assert.Single(await outbox.PendingAsync(CancellationToken.None)).NextAttemptAt);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await cycle.SendPendingAsync(SendScope.Due, CancellationToken.None));

        // monitor once does not wait: attempt 3 (fails: four minutes), then once more at once: delivered.
        Assert.False(Assert.Single(await cycle.SendPendingAsync(SendScope.All, CancellationToken.None)).Delivered);
        Assert.Equal(time.GetUtcNow().AddMinutes(4), Assert.Single(await outbox.PendingAsync(CancellationToken.None)).NextAttemptAt);
        Assert.True(Assert.Single(await cycle.SendPendingAsync(SendScope.All, CancellationToken.None)).Delivered);

        Assert.Empty(await outbox.PendingAsync(CancellationToken.None));
        Assert.Equal(4, sent.Count);
        Assert.Single(sent.Distinct());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(48)]
    public async Task A_weekly_digest_composed_late_still_has_every_article_found_since_the_previous_one(int lateHours)
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "DigestDays": ["Monday"] } ] } }""");
        ServeOneArticle();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = await HostAsync(time);
        var cycle = host.Services.GetRequiredService<DigestCycle>();
        var recipient = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Digest.Recipients[0];
        // Last week's digest.
        Assert.Single((await cycle.RunSlotAsync(recipient, time.GetUtcNow(), catchUp: false, CancellationToken.None)).Composed);
        // Ten minutes later a new article is found.
        time.Advance(TimeSpan.FromMinutes(10));
        ServeArticles(("Nvidia export controls tightened", "https://news.example.test/n"), ("ASML EUV export controls widened", "https://news.example.test/asml"));
        await host.Services.GetRequiredService<PollCycle>().RunAsync(MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Feeds.Feeds, CancellationToken.None);
        // This week's digest comes late (the worker was down at the slot, or the autumn DST week is 7 days and an hour):
        // beyond the 7-day age window of the article, which must still be in it.
        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(lateHours) - TimeSpan.FromMinutes(10));

        var caughtUp = await cycle.RunSlotAsync(recipient, time.GetUtcNow() - TimeSpan.FromHours(lateHours), catchUp: true, CancellationToken.None);

        var digest = Assert.Single(caughtUp.Composed);
        Assert.Contains("ASML EUV export controls widened", digest.Html);
        Assert.DoesNotContain("Nvidia export controls tightened", digest.Html);
    }

    [Fact]
    public async Task The_periodic_catch_up_runs_a_slot_whose_run_failed_while_Monitor_kept_running()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var slotText = (time.GetUtcNow() - TimeSpan.FromMinutes(10)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "DigestTime": "{{slotText}}", "TimeZone": "Etc/UTC" } ] } }""");
        ServeOneArticle();
        using var host = await HostAsync(time);
        // The schedule ran before; today's slot, ten minutes ago, failed (nothing recorded for it).
        await ScheduleHistory.RanBeforeAsync(_config.DataFolder);
        var recipient = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Digest.Recipients[0];
        var slot = DigestSchedule.Last(recipient, time.GetUtcNow().AddDays(-1), time.GetUtcNow())!.Value;
        var context = new Mock<Quartz.IJobExecutionContext>();
        context.SetupGet(c => c.Trigger.Key).Returns(new Quartz.TriggerKey(CatchUpDigestsJob.PeriodicTrigger));

        await ActivatorUtilities.CreateInstance<CatchUpDigestsJob>(host.Services).Execute(context.Object, CancellationToken.None);

        Assert.True(await host.Services.GetRequiredService<DigestSlotStore>().IsClaimedAsync(recipient.Key, slot, CancellationToken.None));
        Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml"));

        // Five minutes later the check passes over it quietly.
        time.Advance(CatchUpDigestsJob.Period);
        await ActivatorUtilities.CreateInstance<CatchUpDigestsJob>(host.Services).Execute(context.Object, CancellationToken.None);
        Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml"));
    }

    [Fact]
    public async Task Two_processes_running_the_same_slot_compose_it_once()
    {
        ServeOneArticle();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = await HostAsync(time);
        using var second = await HostAsync(time);
        var recipient = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Digest.Recipients[0];
        var slot = time.GetUtcNow().AddMinutes(-1);

        var results = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<DigestCycle>().RunSlotAsync(recipient, slot, catchUp: false, CancellationToken.None)),
            Task.Run(() => second.Services.GetRequiredService<DigestCycle>().RunSlotAsync(recipient, slot, catchUp: true, CancellationToken.None)));

        Assert.Single(results.SelectMany(r => r.Composed));
        Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml"));
        Assert.True(await first.Services.GetRequiredService<DigestSlotStore>().IsClaimedAsync(recipient.Key, slot, CancellationToken.None));
    }

    [Fact]
    public async Task A_slot_already_run_is_not_composed_again_even_with_new_articles_which_wait_for_the_next_slot()
    {
        ServeArticles(("Nvidia export controls tightened", "https://news.example.test/n"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = await HostAsync(time);
        var cycle = host.Services.GetRequiredService<DigestCycle>();
        var recipient = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Digest.Recipients[0];
        var slot = time.GetUtcNow();
        Assert.Single((await cycle.RunSlotAsync(recipient, slot, catchUp: false, CancellationToken.None)).Composed);

        ServeArticles(("Nvidia export controls tightened", "https://news.example.test/n"), ("SMIC hit by new export controls", "https://news.example.test/smic"));
        time.Advance(TimeSpan.FromMinutes(30));
        await host.Services.GetRequiredService<PollCycle>().RunAsync(MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false).Feeds.Feeds, CancellationToken.None);

        Assert.Empty((await cycle.RunSlotAsync(recipient, slot, catchUp: true, CancellationToken.None)).Composed);
        var next = await cycle.RunSlotAsync(recipient, slot.AddDays(1), catchUp: false, CancellationToken.None);
        Assert.Contains("SMIC hit by new export controls", Assert.Single(next.Composed).Html);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml").Length);
    }
}
