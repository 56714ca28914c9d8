using MimeKit;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// The whole flow on real parts: the real monitor process, feeds served by Kestrel on 127.0.0.1, a real SMTP server
/// (aiosmtpd), a real SQLite file.
/// </summary>
public sealed class OnceEndToEndTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private Dictionary<string, string> SmtpEnvironment() => new()
    {
        ["MONITOR_Smtp__Host"] = "127.0.0.1",
        ["MONITOR_Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MONITOR_Smtp__Security"] = "None",
        ["MONITOR_Smtp__From"] = "Monitor <monitor@monitor.test>",
    };

    private string[] Args(string verb) => _config.Args(verb);

    [Fact]
    public async Task Once_delivers_one_digest_with_the_on_theme_items_then_nothing_on_the_second_run()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Policy test feed",
            ("US widens export controls on Nvidia accelerators", "https://news.example.test/nvidia-controls?utm_source=rss",
                "Washington tightened export controls on Nvidia chips sold to China, officials said on Monday.", TimeSpan.FromHours(2)),
            ("Harbour City win the derby", "https://news.example.test/derby",
                "A late goal settled the derby in front of a full stadium on Sunday afternoon.", TimeSpan.FromHours(3)),
            ("La Chine mise sur les industries du futur", "https://copycat.example.test/futur",
                SampleFeeds.SeedRepublication(), TimeSpan.FromHours(4)),
            ("SMIC output limited by export restrictions", "https://news.example.test/smic",
                "SMIC cannot buy the tools it needs because of export restrictions, analysts say; chips output suffers.", TimeSpan.FromHours(5))));
        _feeds.Serve("atom.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test feed</title><id>urn:test:atom</id><updated>{SampleFeeds.Iso(TimeSpan.Zero)}</updated>
              <entry><title>ASML keeps EUV machines out of China</title><id>urn:test:euv</id>
                <link rel="enclosure" href="https://cdn.example.test/euv.jpg" type="image/jpeg"/>
                <link rel="alternate" type="text/html" href="https://atom.example.test/asml-euv"/>
                <published>{SampleFeeds.Iso(TimeSpan.FromHours(1))}</published>
                <summary>ASML will not ship EUV lithography systems to Chinese chipmakers this year.</summary></entry>
              <entry><title>Crispy pancakes for the weekend</title><id>urn:test:food</id>
                <link rel="alternate" href="https://atom.example.test/pancakes"/>
                <published>{SampleFeeds.Iso(TimeSpan.FromHours(2))}</published>
                <summary>Flour, water, scallions and a hot pan are all it takes.</summary></entry>
              <entry><title>US widens export controls on Nvidia accelerators (syndicated)</title><id>urn:test:syndicated</id>
                <link rel="alternate" href="https://news.example.test/nvidia-controls?utm_medium=atom&amp;fbclid=abc"/>
                <published>{SampleFeeds.Iso(TimeSpan.FromHours(2))}</published>
                <summary>Same story, same URL, from another feed.</summary></entry>
            </feed>
            """, "application/atom+xml");
        _feeds.Fail("error.xml", 500);
        // Crossed tags: not well-formed, and beyond any safe repair.
        _feeds.Serve("malformed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>Crossed <b>tags</title></b></item></channel></rss>");
        _config.Feeds(_feeds.Url("rss.xml"), _feeds.Url("atom.xml"), _feeds.Url("error.xml"), _feeds.Url("malformed.xml"));
        var before = smtp.Messages().Count;

        var first = await MonitorProcess.RunAsync(Args("once"), SmtpEnvironment());

        Assert.True(first.ExitCode == 0, first.AllOutput);
        var message = Assert.Single(smtp.Messages().Skip(before));
        Assert.Equal("analyst@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var text = alternative.OfType<TextPart>().Single(p => p.IsPlain).Text;
        var html = alternative.OfType<TextPart>().Single(p => p.IsHtml).Text;
        foreach (var body in new[] { text, html })
        {
            Assert.Contains("US widens export controls on Nvidia accelerators", body);
            Assert.Contains("SMIC output limited by export restrictions", body);
            Assert.Contains("ASML keeps EUV machines out of China", body);
            Assert.DoesNotContain("Harbour City", body);
            Assert.DoesNotContain("pancakes", body);
            Assert.DoesNotContain("industries du futur", body);
            // The same article from two feeds (same canonical URL) is stored, and mailed, once; whichever feed came first.
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "US widens export controls on Nvidia accelerators"));
        }
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "href=\"https://news.example.test/nvidia-controls\""));
        Assert.Contains("https://atom.example.test/asml-euv", html);
        Assert.DoesNotContain("euv.jpg", html);
        Assert.Contains("https://news.example.test/nvidia-controls", html);
        Assert.DoesNotContain("utm_source", html);

        Assert.Contains(_feeds.Url("error.xml").ToString(), first.StandardOutput);
        Assert.Contains("HTTP 500", first.StandardOutput);
        Assert.Contains(_feeds.Url("malformed.xml").ToString(), first.StandardOutput);
        Assert.Contains("malformed XML", first.StandardOutput);
        Assert.Contains("Feeds: 4 polled, 2 failed", first.StandardOutput);

        var second = await MonitorProcess.RunAsync(Args("once"), SmtpEnvironment());

        Assert.True(second.ExitCode == 0, second.AllOutput);
        Assert.Single(smtp.Messages().Skip(before));
        Assert.Contains("nothing new to send", second.StandardOutput);
    }

    [Fact]
    public async Task Once_keeps_the_digest_queued_when_the_smtp_server_is_down_and_sends_it_once_when_it_is_back()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Policy test feed",
            ("Nvidia export controls tightened again", "https://news.example.test/again",
                "New export controls on Nvidia chips were announced today by the Commerce Department.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var down = SmtpEnvironment();
        down["MONITOR_Smtp__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = smtp.Messages().Count;

        var failed = await MonitorProcess.RunAsync(Args("once"), down);

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("NOT DELIVERED (stays queued)", failed.StandardOutput);
        Assert.Equal(before, smtp.Messages().Count);

        var recovered = await MonitorProcess.RunAsync(Args("once"), SmtpEnvironment());
        var again = await MonitorProcess.RunAsync(Args("once"), SmtpEnvironment());

        Assert.True(recovered.ExitCode == 0, recovered.AllOutput);
        Assert.True(again.ExitCode == 0, again.AllOutput);
        var delivered = smtp.Messages().Skip(before).ToList();
        var digest = Assert.Single(delivered);
        Assert.Contains("Nvidia export controls tightened again", digest.HtmlBody);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("json")]
    public async Task The_smtp_password_never_reaches_the_output_even_at_verbose_level(string logFormat)
    {
        const string password = "s3cret-Pa55w0rd-do-not-log";
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls", "https://news.example.test/pw", "New export controls on Nvidia chips were announced.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var environment = SmtpEnvironment();
        environment["MONITOR_Smtp__User"] = "monitor";
        environment["MONITOR_Smtp__Password"] = password;
        environment["MONITOR_Log__Level"] = "Verbose";
        environment["MONITOR_Log__Format"] = logFormat;
        environment["MONITOR_Log__File"] = "true";

        // aiosmtpd offers no AUTH on a plain connection, so the login fails and the failure is logged.
        var result = await MonitorProcess.RunAsync(Args("once"), environment);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("NOT DELIVERED", result.StandardOutput);
        Assert.DoesNotContain(password, result.AllOutput);
        var logFile = Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "logs"), "monitor-*.log"));
        if (logFormat == "json")
        {
            // Logs (stderr and the file) are one JSON object per line, every line, for a log collector; the failed
            // send is among them.
            var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Concat(await File.ReadAllLinesAsync(logFile)).ToList();
            Assert.NotEmpty(lines);
            foreach (var line in lines)
            {
                using var json = System.Text.Json.JsonDocument.Parse(line);
                Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
                Assert.True(json.RootElement.TryGetProperty("@t", out _), line);
                Assert.True(json.RootElement.TryGetProperty("@m", out _), line);
            }
            Assert.Contains(lines, l => l.Contains("could not be delivered", StringComparison.Ordinal));
        }
        else
        {
            Assert.StartsWith("[", result.StandardError, StringComparison.Ordinal);
        }
        foreach (var file in Directory.EnumerateFiles(_config.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(password, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
    }

    [Fact]
    public async Task Once_with_an_invalid_config_exits_2_naming_file_line_and_key_and_polls_nothing()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed"));
        _config.Write("feeds.yaml", $"feeds:\n  - url: {_feeds.Url("rss.xml")}\n  - url: not-a-url\n");

        var result = await MonitorProcess.RunAsync(Args("once"), SmtpEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("feeds.yaml:3: feeds[1].url: must be an absolute http or https URL (got 'not-a-url')", result.StandardError);
        Assert.Equal(0, _feeds.Hits("rss.xml"));
        Assert.False(File.Exists(Path.Combine(_config.DataFolder, "monitor.db")));
    }
}
