using MimeKit;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor preview</c> as a real process: writes the next digest, sends and marks nothing.</summary>
public sealed class PreviewVerbTests : IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private string[] MailFiles => Directory.Exists(Path.Combine(_config.DataFolder, "mail"))
        ? Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml") : [];

    [Fact]
    public async Task Preview_writes_the_next_digest_and_the_next_once_still_sends_the_same_articles()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [ { "Address": "analyst@example.org" }, { "Address": "lecteur@example.org", "Language": "fr", "Thresholds": { "chips": 100 } } ] } }
            """);
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls tightened", "https://news.example.test/n", "New export controls on Nvidia chips were announced.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        // Poll only: a recipient with nothing above threshold, and one whose digest goes out with the next once.
        var poll = await MonitorProcess.RunAsync(_config.Args("once"), new Dictionary<string, string> { ["MONITOR_Digest__Recipients__0__Thresholds__chips"] = "100" });
        Assert.True(poll.ExitCode == 0, poll.AllOutput);
        Assert.Empty(MailFiles);
        var outFolder = Path.Combine(_config.Root, "preview-out");

        var preview = await MonitorProcess.RunAsync(_config.Args("preview", "--out", outFolder));
        var again = await MonitorProcess.RunAsync(_config.Args("preview", "--recipient", "ANALYST@example.org", "--out", outFolder));

        Assert.True(preview.ExitCode == 0, preview.AllOutput);
        Assert.True(again.ExitCode == 0, again.AllOutput);
        Assert.Contains("lecteur@example.org: nothing new to send", preview.StandardOutput);
        var html = Assert.Single(preview.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("HTML:", StringComparison.Ordinal)).Split("HTML:")[1].Trim();
        var eml = Assert.Single(preview.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("EML:", StringComparison.Ordinal)).Split("EML:")[1].Trim();
        Assert.StartsWith(outFolder, html);
        Assert.Contains("Nvidia export controls tightened", await File.ReadAllTextAsync(html));
        Assert.Contains("Nvidia export controls tightened", (await MimeMessage.LoadAsync(eml)).HtmlBody);
        Assert.DoesNotContain("lecteur", again.StandardOutput);
        Assert.Empty(MailFiles);

        var once = await MonitorProcess.RunAsync(_config.Args("once"));

        Assert.True(once.ExitCode == 0, once.AllOutput);
        var sent = await MimeMessage.LoadAsync(Assert.Single(MailFiles));
        Assert.Contains("Nvidia export controls tightened", sent.HtmlBody);
        Assert.Equal("analyst@example.org", Assert.Single(sent.To.Mailboxes).Address);
    }

    [Fact]
    public async Task Preview_for_an_unknown_recipient_says_so_and_writes_nothing()
    {
        var outFolder = Path.Combine(_config.Root, "preview-out");

        var result = await MonitorProcess.RunAsync(_config.Args("preview", "--recipient", "nobody@example.org", "--out", outFolder));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'nobody@example.org' is not a recipient in Digest:Recipients (recipients: analyst@example.org)", result.StandardError);
        Assert.False(Directory.Exists(outFolder));
        Assert.False(Directory.Exists(_config.DataFolder));
    }
}
