using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// Exactly once across crashes, with real processes and a real SMTP server (aiosmtpd): the worker is killed with SIGKILL
/// at a point of composing or sending (held there by MONITOR_TEST_PAUSE_AT, or by the server holding its DATA reply),
/// restarted, and the mails the server stored are counted. No digest is lost and none is delivered twice, except after
/// a kill between the server's "250" and the worker recording it, where the copy carries the same Message-Id.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the process, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private static readonly string[] Titles = ["Nvidia export controls tightened", "SMIC output limited by export restrictions"];

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            (Titles[0], "https://news.example.test/nvidia", "New export controls on Nvidia chips were announced today.", TimeSpan.FromHours(1)),
            (Titles[1], "https://news.example.test/smic", "SMIC cannot buy the tools it needs because of export restrictions on chips.", TimeSpan.FromHours(2))));
        _config.Feeds(_feeds.Url("rss.xml"));
        // A daily slot six hours ago, in UTC: passed while no worker ran (the schedule ran before, see the tests'
        // ScheduleHistory), so `run` catches it up at start; the next one is 18 hours away, far beyond any test.
        var slot = DateTimeOffset.UtcNow.AddHours(-6).ToString("HH:mm", CultureInfo.InvariantCulture);
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "DigestTime": "{{slot}}", "TimeZone": "Etc/UTC" } ] } }""");
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    private static Dictionary<string, string> Smtp(AiosmtpdServer server, string? pauseAt = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["MONITOR_Smtp__Host"] = "127.0.0.1",
            ["MONITOR_Smtp__Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["MONITOR_Smtp__Security"] = "None",
            ["MONITOR_Smtp__From"] = "Monitor <monitor@monitor.test>",
        };
        if (pauseAt is not null)
            environment["MONITOR_TEST_PAUSE_AT"] = pauseAt;
        return environment;
    }

    private async Task<IReadOnlyList<OutboxMessage>> PendingAsync()
    {
        var database = new MonitorDatabase(Path.Combine(_config.DataFolder, "monitor.db"), NullLogger<MonitorDatabase>.Instance);
        return await new OutboxStore(database).PendingAsync(CancellationToken.None);
    }

    /// <summary>Every article in exactly one Message-Id, and every stored copy of a Message-Id the same mail.</summary>
    private static void AssertEachArticleInOneDigest(AiosmtpdServer smtp)
    {
        var messages = smtp.Messages();
        foreach (var title in Titles)
            Assert.Single(messages.Where(m => (m.HtmlBody ?? "").Contains(title, StringComparison.Ordinal)).Select(m => m.MessageId).Distinct());
    }

    [Theory]
    [InlineData("before-compose", 1)]
    [InlineData("after-compose", 1)]
    [InlineData("after-accept", 2)]
    public async Task Run_killed_at_a_point_then_restarted_delivers_the_digest(string pauseAt, int copies)
    {
        await using var smtp = await AiosmtpdServer.StartAsync();

        await ScheduleHistory.RanBeforeAsync(_config.DataFolder);
        using (var crashed = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp(smtp, pauseAt)))
        {
            await crashed.WaitForLineAsync(l => l.Contains($"Paused at {pauseAt} (MONITOR_TEST_PAUSE_AT)", StringComparison.Ordinal), StartBound);
            await crashed.KillAsync(StepBound);
        }
        var storedBeforeRestart = smtp.Messages().Count;

        using (var restarted = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp(smtp)))
        {
            await restarted.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), StartBound);
            await restarted.StopAsync(StepBound);
            if (pauseAt == "after-accept")
                Assert.Contains("was being sent by a Monitor process that is gone", restarted.Log);
            if (pauseAt != "before-compose")
                Assert.Contains("was already handled", restarted.Log);
        }

        Assert.Equal(pauseAt == "after-accept" ? 1 : 0, storedBeforeRestart);
        var messages = smtp.Messages();
        Assert.Equal(copies, messages.Count);
        // At the last point the server got the mail twice: the same stored message, same Message-Id, so mail clients
        // can tell the copy.
        Assert.Single(messages.Select(m => m.MessageId).Distinct());
        AssertEachArticleInOneDigest(smtp);
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task Once_killed_while_the_server_holds_its_DATA_reply_then_run_again_delivers_the_same_message_once()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(holdFirstData: true);

        string heldMessageId;
        using (var crashed = RunningMonitor.Start(_config.Args("once"), _config.Root, Smtp(smtp)))
        {
            heldMessageId = await smtp.HoldingDataAsync.WaitAsync(StartBound);
            await crashed.KillAsync(StepBound);
        }
        Assert.Empty(smtp.Messages());

        var again = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(smtp));

        Assert.True(again.ExitCode == 0, again.AllOutput);
        Assert.Contains("Digests: 0 composed, 1 delivered, 0 failed", again.StandardOutput);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal(heldMessageId.Trim('<', '>'), message.MessageId);
        AssertEachArticleInOneDigest(smtp);
        Assert.Empty(await PendingAsync());
    }
}
