using System.Globalization;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>Failure paths of the whole flow that must neither lose nor repeat a digest.</summary>
public sealed class DeliveryEdgeTests : IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private string[] Args => _config.Args("once");

    [Fact]
    public async Task A_digest_accepted_by_the_server_is_not_sent_again_when_QUIT_fails()
    {
        await using var smtp = new ScriptedSmtpServer();
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls tightened", "https://news.example.test/q", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var environment = new Dictionary<string, string>
        {
            ["MONITOR_Smtp__Host"] = "127.0.0.1",
            ["MONITOR_Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["MONITOR_Smtp__Security"] = "None",
            ["MONITOR_Smtp__TimeoutSeconds"] = "1",
        };

        var first = await MonitorProcess.RunAsync(Args, environment);
        var second = await MonitorProcess.RunAsync(Args, environment);

        Assert.True(first.ExitCode == 0, first.AllOutput);
        Assert.True(second.ExitCode == 0, second.AllOutput);
        Assert.Equal(1, smtp.Accepted);
    }

    [Fact]
    public async Task A_feed_with_HTML_entities_is_read_and_its_repair_reported()
    {
        _feeds.Serve("entities.xml", $"""
            <rss version="2.0"><channel><title>Caf&eacute; tech</title>
            <item><title>Nvidia &mdash; new export controls</title><link>https://news.example.test/e</link>
            <pubDate>{SampleFeeds.Rfc1123(TimeSpan.FromHours(1))}</pubDate><description>Export controls on Nvidia chips&nbsp;again.</description></item>
            </channel></rss>
            """);
        _config.Feeds(_feeds.Url("entities.xml"));

        var result = await MonitorProcess.RunAsync(Args);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("Feeds: 1 polled, 0 failed", result.StandardOutput);
        Assert.Contains($"repaired {_feeds.Url("entities.xml")}: 3 HTML entities that XML does not define replaced by their characters", result.StandardOutput);
        var digest = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml")));
        Assert.Contains("Nvidia =E2=80=94 new export controls", digest);
    }

    [Fact]
    public async Task An_entity_expansion_bomb_is_refused_with_its_reason_and_the_other_feeds_go_on()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY e{i} \"{string.Concat(Enumerable.Repeat($"&e{i - 1};", 10))}\">\n"));
        _feeds.Serve("bomb.xml", $"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY e0 \"lol\">\n{entities}]>\n<rss version=\"2.0\"><channel><title>&e9;</title></channel></rss>");
        _feeds.Serve("fine.xml", SampleFeeds.Rss("Fine", ("Nvidia export controls", "https://news.example.test/fine", "Export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("bomb.xml"), _feeds.Url("fine.xml"));

        var result = await MonitorProcess.RunAsync(Args);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("Feeds: 2 polled, 1 failed", result.StandardOutput);
        Assert.Contains($"FAILED {_feeds.Url("bomb.xml")}: the feed declares XML entities in a DTD, which are never expanded", result.StandardOutput);
        Assert.Contains("Articles: 1 new", result.StandardOutput);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task A_summary_only_feed_with_full_text_is_judged_on_the_article_page(bool fullText, int relevant)
    {
        var paragraph = "The Commerce Department widened export controls on Nvidia accelerators sold to China on Monday, officials said, "
            + "adding new licence requirements for chips that had escaped earlier rules. Analysts expect the measure to weigh on sales. ";
        _feeds.Serve("article.html", $"""
            <!DOCTYPE html><html><head><title>Washington moves again</title></head><body>
            <nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
            <article><h1>Washington moves again</h1>{string.Concat(Enumerable.Repeat($"<p>{paragraph}</p>", 6))}</article>
            <footer>Copyright</footer></body></html>
            """, "text/html; charset=utf-8");
        _feeds.Serve("short.xml", SampleFeeds.Rss("Short", ("Washington moves again", _feeds.Url("article.html").ToString(), "Read more.", TimeSpan.FromHours(1))));
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("short.xml")}\n    full_text: {(fullText ? "true" : "false")}\n");

        var result = await MonitorProcess.RunAsync(Args);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains($"Articles: 1 new: {relevant} relevant", result.StandardOutput);
        Assert.Equal(fullText ? 1 : 0, _feeds.Hits("article.html"));
    }

    [Fact]
    public async Task Items_older_than_the_look_back_window_are_never_mailed_however_many_polls()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Fresh: Nvidia export controls", "https://news.example.test/fresh", "New export controls on Nvidia chips.", TimeSpan.FromHours(1)),
            ("Old: Nvidia export controls", "https://news.example.test/old", "Export controls on Nvidia chips, a month ago.", TimeSpan.FromDays(30))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var mail = Path.Combine(_config.DataFolder, "mail");

        var first = await MonitorProcess.RunAsync(Args);
        var second = await MonitorProcess.RunAsync(Args);

        Assert.True(first.ExitCode == 0, first.AllOutput);
        Assert.True(second.ExitCode == 0, second.AllOutput);
        var digest = Assert.Single(Directory.GetFiles(mail, "*.eml"));
        var text = await File.ReadAllTextAsync(digest);
        Assert.Contains("Fresh: Nvidia export controls", text);
        Assert.DoesNotContain("Old: Nvidia export controls", text);
    }
}
