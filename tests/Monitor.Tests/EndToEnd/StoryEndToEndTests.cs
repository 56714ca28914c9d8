using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// One story syndicated by several sites, across runs of <c>monitor once</c> (separate processes, so what dedup
/// remembers must come back from the database): shown once with "also reported by", later copies not mailed again,
/// and every decision explained by <c>monitor explain</c>.
/// </summary>
public sealed class StoryEndToEndTests : IAsyncLifetime
{
    internal const string Story =
        "Washington tightened its export controls on advanced Nvidia chips again on Tuesday, adding eleven Chinese " +
        "companies to the entity list and closing a loophole that let resellers in third countries ship H20 " +
        "accelerators to data centres in Shenzhen. Officials at the Commerce Department said the rule takes effect in " +
        "thirty days and covers high-bandwidth memory as well. Nvidia said it would comply and expected a charge of " +
        "about 4.5 billion dollars in the quarter. Analysts at several banks said the measure would slow the training " +
        "of large models at Chinese laboratories but would also push SMIC and Huawei to accelerate their own chips.";

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private string[] Mails => Directory.Exists(Path.Combine(_config.DataFolder, "mail"))
        ? Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml") : [];

    [Fact]
    public async Task A_syndicated_story_is_mailed_once_with_its_other_reports_and_later_copies_are_not_mailed_again()
    {
        _feeds.Serve("wire.xml", SampleFeeds.Rss("Wire",
            ("US tightens Nvidia chip export controls", "https://wire.example.test/nvidia-rule", Story, TimeSpan.FromHours(2))));
        _feeds.Serve("daily.xml", SampleFeeds.Rss("Daily",
            ("Export controls: Washington targets Nvidia H20 resellers", "https://daily.example.test/2026/nvidia",
                "Share on X\n" + Story + "\nRead more: our China tech coverage", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"));

        var first = await MonitorProcess.RunAsync(_config.Args("once"));

        Assert.True(first.ExitCode == 0, first.AllOutput);
        var digest = await File.ReadAllTextAsync(Assert.Single(Mails));
        Assert.Contains("1 new article", digest);
        Assert.Contains("Also reported by", digest);
        // The two feeds are polled concurrently: either report may be the one that started the story.
        var daily = await MonitorProcess.RunAsync(_config.Args("explain", "https://daily.example.test/2026/nvidia"));
        var wire = await MonitorProcess.RunAsync(_config.Args("explain", "https://wire.example.test/nvidia-rule"));
        Assert.True(daily.ExitCode == 0, daily.AllOutput);
        Assert.Contains("(1 other report)", daily.StandardOutput);
        Assert.Contains("sent:      to ", daily.StandardOutput);
        Assert.Contains("sent:      to ", wire.StandardOutput);
        Assert.Single(new[] { daily.StandardOutput, wire.StandardOutput }, o => o.Contains("kept (new): same story as article ", StringComparison.Ordinal));

        // A third site, the next day, in a new process: the story was sent, so this copy is stored, not mailed.
        _feeds.Serve("weekly.xml", SampleFeeds.Rss("Weekly",
            ("Nvidia hit by new US export rule", "https://weekly.example.test/nvidia-rule", "Cookie settings\n" + Story, TimeSpan.FromMinutes(30))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"), _feeds.Url("weekly.xml"));

        var second = await MonitorProcess.RunAsync(_config.Args("once"));

        Assert.True(second.ExitCode == 0, second.AllOutput);
        Assert.Single(Mails);
        var late = await MonitorProcess.RunAsync(_config.Args("explain", "https://weekly.example.test/nvidia-rule"));
        Assert.Contains("dropped (duplicate)", late.StandardOutput);
        Assert.Contains("that story was already sent", late.StandardOutput);
        Assert.Contains("shingle Jaccard with earlier article", late.StandardOutput);
    }

    [Fact]
    public async Task A_seed_article_republished_is_dropped_and_explain_names_the_seed_passage()
    {
        var seed = string.Join("\n", File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "001_8240679369d577f5.txt")).Take(3));
        _feeds.Serve("fr.xml", SampleFeeds.Rss("Revue",
            ("La Chine annonce 1 000 milliards de yuans pour l'IA", "https://revue.example.test/boc", seed, TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("fr.xml"));

        var run = await MonitorProcess.RunAsync(_config.Args("once"));
        var explained = await MonitorProcess.RunAsync(_config.Args("explain", "revue.example.test/boc"));
        var missing = await MonitorProcess.RunAsync(_config.Args("explain", "https://nowhere.example.test/x"));

        Assert.True(run.ExitCode == 0, run.AllOutput);
        Assert.True(explained.ExitCode == 0, explained.AllOutput);
        Assert.Contains("dropped (duplicate): duplicate of seed 001_8240679369d577f5.txt passage 0: article contained in seed", explained.StandardOutput);
        Assert.Contains("seed:      001_8240679369d577f5.txt, passage 0: \"On pensait que la startup chinoise DeepSeek", explained.StandardOutput);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no stored article has the id, URL or key https://nowhere.example.test/x", missing.StandardError);
    }
}
