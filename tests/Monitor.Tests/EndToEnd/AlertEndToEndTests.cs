using System.Globalization;
using MimeKit;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// Alerts on real parts: the real monitor process, feeds served by Kestrel, a real SMTP server (aiosmtpd), a real
/// SQLite file. The watchlist alerts at 9: a title with "export controls", "Nvidia" and "SMIC" scores 10.5, a summary
/// with "export controls", "Nvidia" and "chips" scores 6 (digest only).
/// </summary>
public sealed class AlertEndToEndTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();
    private int _before;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: 4\n    alert: 9", StringComparison.Ordinal));
        _before = smtp.Messages().Count;
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private static (string, string, string, TimeSpan) Hit(string slug, string title) =>
        (title, $"https://news.example.test/{slug}", "Reported today by our correspondent.", TimeSpan.FromHours(1));

    private static (string, string, string, TimeSpan) DigestOnly(string slug) =>
        ($"Quarterly results {slug}", $"https://news.example.test/{slug}", "New export controls on Nvidia chips weigh on sales.", TimeSpan.FromHours(2));

    private Dictionary<string, string> SmtpEnvironment(int? port = null) => new()
    {
        ["MONITOR_Smtp__Host"] = "127.0.0.1",
        ["MONITOR_Smtp__Port"] = (port ?? smtp.Port).ToString(CultureInfo.InvariantCulture),
        ["MONITOR_Smtp__Security"] = "None",
        ["MONITOR_Smtp__From"] = "Monitor <monitor@monitor.test>",
    };

    private async Task<MonitorProcess.Result> OnceAsync(Dictionary<string, string>? environment = null, int expectedExitCode = 0)
    {
        var result = await MonitorProcess.RunAsync(_config.Args("once"), environment ?? SmtpEnvironment());
        Assert.True(result.ExitCode == expectedExitCode, result.AllOutput);
        return result;
    }

    private List<MimeMessage> Received => smtp.Messages().Skip(_before).ToList();

    private List<MimeMessage> AlertsTo(string address) =>
        Received.Where(m => (m.Subject ?? "").StartsWith("Monitor alert", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == address).ToList();

    private List<MimeMessage> DigestsTo(string address) =>
        Received.Where(m => (m.Subject ?? "").StartsWith("Monitor digest", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == address).ToList();

    [Fact]
    public async Task A_hit_is_alerted_with_the_digest_headers_and_left_out_of_the_digest()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC"), DigestOnly("q3")));
        _config.Feeds(_feeds.Url("rss.xml"));

        var first = await OnceAsync();

        var alert = Assert.Single(AlertsTo("analyst@example.org"));
        Assert.Equal("Monitor alert: Nvidia export controls hit SMIC", alert.Subject);
        Assert.False(string.IsNullOrEmpty(alert.MessageId));
        Assert.Equal("auto-generated", alert.Headers["Auto-Submitted"]);
        Assert.Equal("bulk", alert.Headers["Precedence"]);
        Assert.StartsWith("Monitor alerts <alerts.monitor.", alert.Headers["List-Id"]);
        Assert.NotNull(alert.Headers["List-Unsubscribe"]);
        Assert.Contains("https://news.example.test/smic", alert.HtmlBody);
        Assert.DoesNotContain("Quarterly results", alert.HtmlBody);
        Assert.Contains("Monitor alert - ", alert.TextBody);
        var digest = Assert.Single(DigestsTo("analyst@example.org"));
        Assert.StartsWith("Monitor digest <digest.monitor.", digest.Headers["List-Id"]);
        Assert.Contains("Quarterly results q3", digest.HtmlBody);
        Assert.DoesNotContain("hit SMIC", digest.HtmlBody);
        Assert.Contains("Alerts: 1 composed\nDigests: 1 composed, 2 delivered, 0 failed", first.StandardOutput);

        var second = await OnceAsync();

        Assert.Equal(2, Received.Count);
        Assert.Contains("nothing new to send", second.StandardOutput);
    }

    [Fact]
    public async Task Two_hits_found_together_make_one_alert()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC"), Hit("euv", "ASML EUV export controls tighten")));
        _config.Feeds(_feeds.Url("rss.xml"));

        await OnceAsync();

        var alert = Assert.Single(Received);
        Assert.Equal("Monitor alert: 2 articles on Chips and export controls", alert.Subject);
        Assert.Contains("Nvidia export controls hit SMIC", alert.TextBody);
        Assert.Contains("ASML EUV export controls tighten", alert.TextBody);
    }

    [Fact]
    public async Task The_same_story_from_two_feeds_makes_one_alert_and_a_later_report_none()
    {
        const string story =
            "Washington tightened its export controls on advanced Nvidia chips again on Tuesday, adding eleven Chinese " +
            "companies to the entity list and closing a loophole that let resellers in third countries ship H20 " +
            "accelerators to data centres in Shenzhen. Officials at the Commerce Department said the rule takes effect in " +
            "thirty days and covers high-bandwidth memory as well. Nvidia said it would comply and expected a charge of " +
            "about 4.5 billion dollars in the quarter. Analysts at several banks said the measure would slow the training " +
            "of large models at Chinese laboratories but would also push SMIC and Huawei to accelerate their own chips.";
        _feeds.Serve("wire.xml", SampleFeeds.Rss("Wire",
            ("US tightens Nvidia chip export controls", "https://wire.example.test/nvidia-rule", story, TimeSpan.FromHours(2))));
        _feeds.Serve("daily.xml", SampleFeeds.Rss("Daily",
            ("Export controls: Washington targets Nvidia H20 resellers", "https://daily.example.test/nvidia", "Share on X\n" + story, TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"));

        await OnceAsync();

        var alert = Assert.Single(Received);
        Assert.StartsWith("Monitor alert: ", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("Also reported by", alert.TextBody);

        _feeds.Serve("weekly.xml", SampleFeeds.Rss("Weekly",
            ("Nvidia hit by new US export controls on SMIC suppliers", "https://weekly.example.test/nvidia", "Cookie settings\n" + story, TimeSpan.FromMinutes(30))));
        _config.Feeds(_feeds.Url("wire.xml"), _feeds.Url("daily.xml"), _feeds.Url("weekly.xml"));

        await OnceAsync();

        Assert.Single(Received);
    }

    [Fact]
    public async Task A_recipient_over_the_rate_limit_gets_no_further_alert_and_the_held_hit_goes_in_the_digest()
    {
        var environment = SmtpEnvironment();
        environment["MONITOR_Alerts__MaxPerHour"] = "1";
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC")));
        _config.Feeds(_feeds.Url("rss.xml"));
        await OnceAsync(environment);
        Assert.Single(AlertsTo("analyst@example.org"));

        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC"), Hit("euv", "ASML EUV export controls tighten")));
        var second = await OnceAsync(environment);

        Assert.Single(AlertsTo("analyst@example.org"));
        Assert.Contains("Alert for analyst@example.org held by the rate limit (1 per hour) until ", second.StandardError);
        var digest = Assert.Single(DigestsTo("analyst@example.org"));
        Assert.Contains("ASML EUV export controls tighten", digest.TextBody);
        Assert.DoesNotContain("hit SMIC", digest.TextBody);
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_alert_stays_queued_and_is_sent_once_when_it_is_back()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC")));
        _config.Feeds(_feeds.Url("rss.xml"));

        var failed = await OnceAsync(SmtpEnvironment(FreePort.Next()), expectedExitCode: 3);

        Assert.Contains("Alerts: 1 composed", failed.StandardOutput);
        Assert.Contains("NOT DELIVERED (stays queued)", failed.StandardOutput);
        Assert.Empty(Received);

        var recovered = await OnceAsync();
        await OnceAsync();

        var alert = Assert.Single(Received);
        Assert.Equal("Monitor alert: Nvidia export controls hit SMIC", alert.Subject);
        Assert.Contains("Alerts: 0 composed\nDigests: 0 composed, 1 delivered, 0 failed", recovered.StandardOutput);
    }

    [Fact]
    public async Task A_recipient_with_alerts_off_gets_the_hit_in_the_digest_only()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [ { "Address": "analyst@example.org" }, { "Address": "boss@example.org", "Alerts": false } ] } }
            """);
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC")));
        _config.Feeds(_feeds.Url("rss.xml"));

        await OnceAsync();

        Assert.Single(AlertsTo("analyst@example.org"));
        Assert.Empty(DigestsTo("analyst@example.org"));
        Assert.Empty(AlertsTo("boss@example.org"));
        Assert.Contains("Nvidia export controls hit SMIC", Assert.Single(DigestsTo("boss@example.org")).TextBody);
    }

    [Fact]
    public async Task With_RepeatInDigest_the_alerted_hit_is_in_the_next_digest_once()
    {
        var environment = SmtpEnvironment();
        environment["MONITOR_Alerts__RepeatInDigest"] = "true";
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC")));
        _config.Feeds(_feeds.Url("rss.xml"));

        await OnceAsync(environment);
        await OnceAsync(environment);

        Assert.Single(AlertsTo("analyst@example.org"));
        Assert.Contains("Nvidia export controls hit SMIC", Assert.Single(DigestsTo("analyst@example.org")).TextBody);
    }

    [Fact]
    public async Task Run_mails_an_alert_after_the_poll_that_found_it()
    {
        _config.Write("appsettings.json", $$"""
            {
              "Smtp": { "Host": "127.0.0.1", "Port": {{smtp.Port}}, "Security": "None" },
              "Digest": { "Recipients": [ { "Address": "analyst@example.org" } ] },
              "Alerts": { "BatchMinutes": 0 }
            }
            """);
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", Hit("smic", "Nvidia export controls hit SMIC"), DigestOnly("q3")));
        _config.Feeds(_feeds.Url("rss.xml"));
        using var monitor = RunningMonitor.Start(_config.Args("run"), workingDirectory: _config.Root);

        await monitor.WaitForLineAsync(l => l.Contains("Alert 1 for analyst@example.org queued: 1 articles", StringComparison.Ordinal), StartBound);
        await monitor.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), StepBound);
        await monitor.StopAsync(StepBound);

        var alert = Assert.Single(Received);
        Assert.Equal("Monitor alert: Nvidia export controls hit SMIC", alert.Subject);
    }
}
