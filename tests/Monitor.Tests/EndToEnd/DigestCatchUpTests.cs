using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// A digest slot that passed while no worker ran is run once when <c>monitor run</c> starts, by one process only, with
/// real processes, a real SMTP server (aiosmtpd) and a real SQLite file.
/// </summary>
public sealed class DigestCatchUpTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the process, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private FeedServer _feeds = null!;
    private AiosmtpdServer _smtp = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _smtp = await AiosmtpdServer.StartAsync();
        _feeds.Serve("first.xml", SampleFeeds.Rss("First",
            ("Nvidia export controls tightened", "https://news.example.test/nvidia", "New export controls on Nvidia chips were announced today.", TimeSpan.FromHours(1))));
        _feeds.Serve("second.xml", SampleFeeds.Rss("Second",
            ("SMIC output limited by export restrictions", "https://news.example.test/smic", "SMIC cannot buy the tools it needs because of export restrictions on chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("first.xml"));
        // A daily slot six hours ago, in UTC: missed; the next is 18 hours away, far beyond any test.
        var slot = DateTimeOffset.UtcNow.AddHours(-6).ToString("HH:mm", CultureInfo.InvariantCulture);
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "DigestTime": "{{slot}}", "TimeZone": "Etc/UTC" } ] } }""");
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    private Dictionary<string, string> Smtp() => new()
    {
        ["MONITOR_Smtp__Host"] = "127.0.0.1",
        ["MONITOR_Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["MONITOR_Smtp__Security"] = "None",
    };

    private static bool SlotDecision(string line) =>
        line.Contains("Catch-up: digest slot", StringComparison.Ordinal) || line.Contains("was already handled", StringComparison.Ordinal);

    private Task RanBeforeAsync() => ScheduleHistory.RanBeforeAsync(_config.DataFolder);

    [Fact]
    public async Task A_first_start_sends_no_catch_up_the_schedule_starts_with_the_next_slot()
    {
        using (var first = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp()))
        {
            await first.WaitForLineAsync(l => l.Contains("First start for analyst@example.org: digests begin with the next slot", StringComparison.Ordinal), StartBound);
            await first.StopAsync(StepBound);
            Assert.DoesNotContain("composing it now", first.Log);
        }
        // The slot recorded at the first start is not "missed" at the second.
        using (var second = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp()))
        {
            await second.WaitForLineAsync(l => l.Contains("was already handled (by this or another Monitor process): not composed again", StringComparison.Ordinal), StartBound);
            await second.StopAsync(StepBound);
        }
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task A_missed_slot_gets_one_digest_when_run_starts_and_a_second_start_sends_no_other()
    {
        await RanBeforeAsync();
        using (var first = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp()))
        {
            await first.WaitForLineAsync(l => l.Contains("was not run (no Monitor was running, or its run failed); composing it now", StringComparison.Ordinal), StartBound);
            await first.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), StepBound);
            await first.StopAsync(StepBound);
        }
        Assert.Contains("Nvidia export controls tightened", Assert.Single(_smtp.Messages()).HtmlBody);

        // A new feed with a new relevant article, read by the second start's first poll, before its catch-up.
        _config.Feeds(_feeds.Url("first.xml"), _feeds.Url("second.xml"));
        using (var second = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp()))
        {
            await second.WaitForLineAsync(l => l.Contains("was already handled (by this or another Monitor process): not composed again", StringComparison.Ordinal), StartBound);
            await second.StopAsync(StepBound);
            Assert.DoesNotContain("composing it now", second.Log);
        }
        Assert.Single(_smtp.Messages());

        // Not lost: the new article waits for the next digest (here, an explicit run).
        var once = await MonitorProcess.RunAsync(_config.Args("once"), Smtp());
        Assert.True(once.ExitCode == 0, once.AllOutput);
        Assert.Equal(2, _smtp.Messages().Count);
        Assert.Contains(_smtp.Messages(), m => (m.HtmlBody ?? "").Contains("SMIC output limited by export restrictions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_runs_on_one_database_catch_up_a_missed_slot_once()
    {
        // The schema and a schedule already running, as a single earlier start would have left them.
        await RanBeforeAsync();

        using var first = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp());
        using var second = RunningMonitor.Start(_config.Args("run"), _config.Root, Smtp());
        await first.WaitForLineAsync(SlotDecision, StartBound);
        await second.WaitForLineAsync(SlotDecision, StartBound);
        var composers = new[] { first, second }.Count(m => m.Log.Contains("composing it now", StringComparison.Ordinal));
        await (first.Log.Contains("composing it now", StringComparison.Ordinal) ? first : second)
            .WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), StepBound);
        await first.StopAsync(StepBound);
        await second.StopAsync(StepBound);

        Assert.Equal(1, composers);
        Assert.Single(new[] { first, second }, m => m.Log.Contains("was already handled", StringComparison.Ordinal));
        Assert.Single(_smtp.Messages());
    }
}
