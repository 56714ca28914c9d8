using Monitor.Tests.Support;

namespace Monitor.Tests.Cluster;

/// <summary>
/// The real program on a real PostgreSQL (Storage:Provider Postgres): the same verbs and the same outcomes as on SQLite,
/// across separate processes, with the connection string from the environment.
/// </summary>
public sealed class PostgresOnceTests : IAsyncLifetime
{
    // The syndicated story of the SQLite test, so both engines are held to the same outcome.
    private const string Story = EndToEnd.StoryEndToEndTests.Story;

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _environment = new()
        {
            ["MONITOR_Storage__Provider"] = "Postgres",
            ["MONITOR_Storage__ConnectionString"] = await PostgresServer.CreateDatabaseAsync(),
        };
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private string[] Mails => Directory.Exists(Path.Combine(_config.DataFolder, "mail"))
        ? Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml") : [];

    private Task<MonitorProcess.Result> Monitor(params string[] verb) => MonitorProcess.RunAsync(_config.Args(verb), _environment);

    [Fact]
    public async Task Once_on_postgres_mails_a_syndicated_story_once_and_later_copies_are_not_mailed_again()
    {
        _feeds.Serve("wire.xml", SampleFeeds.Rss("Wire",
            ("US tightens Nvidia chip export controls", "https://wire.example.test/nvidia-rule", Story, TimeSpan.FromHours(2)),
            ("Argentina lifts soybean export quotas", "https://wire.example.test/soy", "Farm exports of soybeans rise.", TimeSpan.FromHours(3))));
        _feeds.Serve("daily.xml", SampleFeeds.Rss("Daily",
            ("Export controls: Washington targets Nvidia H20 resellers", "https://daily.example.test/2026/nvidia",
                "Share on X\n" + Story + "\nRead more: our China tech coverage", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"));

        var first = await Monitor("once");

        Assert.True(first.ExitCode == 0, first.AllOutput);
        Assert.Contains("PostgreSQL database", first.AllOutput);
        Assert.Contains("Digests: 1 composed, 1 delivered, 0 failed", first.StandardOutput);
        var digest = await File.ReadAllTextAsync(Assert.Single(Mails));
        Assert.Contains("Also reported by", digest);
        var daily = await Monitor("explain", "https://daily.example.test/2026/nvidia");
        Assert.True(daily.ExitCode == 0, daily.AllOutput);
        Assert.Contains("(1 other report)", daily.StandardOutput);
        Assert.Contains("sent:      to ", daily.StandardOutput);

        _feeds.Serve("weekly.xml", SampleFeeds.Rss("Weekly",
            ("Nvidia hit by new US export rule", "https://weekly.example.test/nvidia-rule", "Cookie settings\n" + Story, TimeSpan.FromMinutes(30))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"), _feeds.Url("weekly.xml"));

        var second = await Monitor("once");

        Assert.True(second.ExitCode == 0, second.AllOutput);
        Assert.Single(Mails);
        var late = await Monitor("explain", "https://weekly.example.test/nvidia-rule");
        Assert.Contains("dropped (duplicate)", late.StandardOutput);
        Assert.Contains("that story was already sent", late.StandardOutput);
        var feeds = await Monitor("feeds", "list");
        Assert.True(feeds.ExitCode == 0, feeds.AllOutput);
        Assert.Contains("weekly.xml", feeds.StandardOutput);
        var backtest = await Monitor("backtest", "--days", "2");
        Assert.True(backtest.ExitCode == 0, backtest.AllOutput);
        var preview = await Monitor("preview");
        Assert.True(preview.ExitCode == 0, preview.AllOutput);
        // Nothing is written to the data folder's database: the state is in PostgreSQL.
        Assert.False(File.Exists(Path.Combine(_config.DataFolder, "monitor.db")));
    }
}
