using Microsoft.Extensions.DependencyInjection;
using Monitor.Cli;
using Monitor.Scheduling;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Tests.Support;

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
}
