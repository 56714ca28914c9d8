using System.Xml.Linq;
using Monitor.Feeds;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor feeds add|import|export</c> as a user runs them, on real files and a real HTTP server.</summary>
public sealed class FeedsVerbTests : IAsyncLifetime
{
    private FeedServer _server = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _config.Dispose();
    }

    private Task<MonitorProcess.Result> Feeds(params string[] args) =>
        MonitorProcess.RunAsync(_config.Args(["feeds", .. args]));

    private IReadOnlyList<FeedDefinition> Listed() => new FeedListLoader().Load(_config.PathOf("feeds.yaml"), TimeSpan.FromMinutes(30));

    [Fact]
    public async Task Export_writes_OPML_that_import_reads_back()
    {
        _config.Write("feeds.yaml", "feeds:\n  - url: https://example.org/a.xml\n    name: \"A: first\"\n    language: fr\n  - url: https://example.org/b.xml\n");

        var export = await Feeds("export");

        Assert.True(export.ExitCode == 0, export.AllOutput);
        var opml = XDocument.Parse(export.StandardOutput);
        Assert.Equal("2.0", (string?)opml.Root!.Attribute("version"));
        var entries = Opml.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(export.StandardOutput)));
        Assert.Equal(["https://example.org/a.xml", "https://example.org/b.xml"], entries.Select(e => e.XmlUrl));
        Assert.Equal("A: first", entries[0].Title);
        Assert.Equal("fr", entries[0].Language);
    }

    [Fact]
    public async Task Import_adds_new_feeds_keeps_comments_and_skips_known_and_invalid_ones()
    {
        _config.Write("feeds.yaml", "# My feeds, curated by hand.\nfeeds:\n  # the first one\n  - url: https://example.org/a.xml\n");
        var opml = Path.Combine(_config.Root, "subscriptions.opml");
        await File.WriteAllTextAsync(opml, """
            <?xml version="1.0"?>
            <opml version="1.0"><head><title>Reader export</title></head><body>
              <outline text="Tech">
                <outline type="rss" text="Already there" xmlUrl="https://example.org/a.xml"/>
                <outline type="rss" text="Semis: weekly # notes" xmlUrl="https://chips.example.net/rss"/>
              </outline>
              <outline type="rss" title="Atom one" text="ignored" xmlUrl="https://news.example.com/atom.xml"/>
              <outline type="rss" text="Bad" xmlUrl="ftp://example.org/feed"/>
              <outline type="rss" text="Secret" xmlUrl="https://user:pw@example.org/private.xml"/>
            </body></opml>
            """);

        var result = await Feeds("import", opml);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("5 feeds, 2 added", result.StandardOutput);
        Assert.Contains("1 already listed, 2 skipped", result.StandardOutput);
        Assert.Contains("skipped ftp://example.org/feed: not an absolute http or https URL", result.StandardOutput);
        var text = await File.ReadAllTextAsync(_config.PathOf("feeds.yaml"));
        Assert.StartsWith("# My feeds, curated by hand.\nfeeds:\n  # the first one\n", text);
        var feeds = Listed();
        Assert.Equal(["https://example.org/a.xml", "https://chips.example.net/rss", "https://news.example.com/atom.xml"], feeds.Select(f => f.Url.AbsoluteUri));
        Assert.Equal("Semis: weekly # notes", feeds[1].Name);
        Assert.Equal("Atom one", feeds[2].Name);
    }

    [Fact]
    public async Task Import_into_an_empty_list_written_as_brackets_works()
    {
        _config.Write("feeds.yaml", "feeds: []\n");
        var opml = Path.Combine(_config.Root, "one.opml");
        await File.WriteAllTextAsync(opml, """<opml version="2.0"><body><outline xmlUrl="https://example.org/only.xml" text="Only"/></body></opml>""");

        var result = await Feeds("import", opml);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal("https://example.org/only.xml", Assert.Single(Listed()).Url.AbsoluteUri);
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_OPML_fails_and_changes_nothing()
    {
        var before = await File.ReadAllTextAsync(_config.PathOf("feeds.yaml"));
        var notOpml = Path.Combine(_config.Root, "page.html");
        await File.WriteAllTextAsync(notOpml, "<html><body>hello</body></html>");

        var result = await Feeds("import", notOpml);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not an OPML file", result.StandardError);
        Assert.Equal(before, await File.ReadAllTextAsync(_config.PathOf("feeds.yaml")));
    }

    [Fact]
    public async Task Add_of_a_web_page_discovers_its_feed()
    {
        _server.Serve("index.html", """
            <!DOCTYPE html><html><head><title>Chip news</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Chip news" href="/feeds/main.xml">
            </head><body>Welcome</body></html>
            """, "text/html; charset=utf-8");
        _server.Serve("feeds/main.xml", SampleFeeds.Rss("Chip news feed", ("Item", "https://news.example.test/x", "Text.", TimeSpan.FromHours(1))));

        var result = await Feeds("add", _server.Url("index.html").ToString());

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains($"announces the feed {_server.Url("feeds/main.xml")}", result.StandardOutput);
        var feed = Assert.Single(Listed());
        Assert.Equal(_server.Url("feeds/main.xml"), feed.Url);
        Assert.Equal("Chip news feed", feed.Name);

        var again = await Feeds("add", _server.Url("feeds/main.xml").ToString());

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already in", again.StandardOutput);
        Assert.Single(Listed());
    }

    [Fact]
    public async Task Add_of_a_page_without_a_feed_fails_and_changes_nothing()
    {
        _server.Serve("plain.html", "<html><head><title>No feed</title></head><body>Nothing</body></html>", "text/html");
        var before = await File.ReadAllTextAsync(_config.PathOf("feeds.yaml"));

        var result = await Feeds("add", _server.Url("plain.html").ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("announces no feed", result.StandardError);
        Assert.Equal(before, await File.ReadAllTextAsync(_config.PathOf("feeds.yaml")));
    }
}
