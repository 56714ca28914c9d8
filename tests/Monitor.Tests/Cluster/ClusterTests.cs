using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cluster;

/// <summary>
/// Cluster mode with real processes: two <c>monitor run</c> instances, each with its own data folder, on one real
/// PostgreSQL (state and Quartz's clustered job store) and one real SMTP server (aiosmtpd). The feeds are shared out
/// and each fetched once; a digest due while no instance ran is delivered once; an instance killed with SIGKILL right
/// after composing loses nothing and duplicates nothing, the survivor sending what it queued.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the processes, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private const int FeedCount = 8;

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        var urls = new List<Uri>();
        for (var i = 0; i < FeedCount; i++)
        {
            _feeds.Serve($"feed{i}.xml", SampleFeeds.Rss($"Feed {i}",
                ($"Nvidia export controls, report {i}", $"https://news{i}.example.test/nvidia", $"Washington's export controls on Nvidia chips, seen from desk {i} with figures {i * 7 + 3} and {i * 11 + 5}.", TimeSpan.FromHours(1)),
                ($"Harvest news {i}", $"https://news{i}.example.test/harvest", $"Farmers in region {i} report the harvest.", TimeSpan.FromHours(2))));
            urls.Add(_feeds.Url($"feed{i}.xml"));
        }
        _config.Feeds([.. urls]);
        // A daily slot six hours ago, in UTC, missed while no instance ran: caught up once by the cluster.
        var slot = DateTimeOffset.UtcNow.AddHours(-6).ToString("HH:mm", CultureInfo.InvariantCulture);
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "DigestTime": "{{slot}}", "TimeZone": "Etc/UTC" } ] } }""");
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        await ScheduleHistory.RanBeforeAsync(MonitorDatabase.Postgres(_connectionString, NullLogger<MonitorDatabase>.Instance));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private RunningMonitor Start(string name, AiosmtpdServer smtp, string? pauseAt = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["MONITOR_Storage__Provider"] = "Postgres",
            ["MONITOR_Storage__ConnectionString"] = _connectionString,
            ["MONITOR_Cluster__PollShards"] = "4",
            ["MONITOR_Smtp__Host"] = "127.0.0.1",
            ["MONITOR_Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["MONITOR_Smtp__Security"] = "None",
            ["MONITOR_Smtp__From"] = "Monitor <monitor@monitor.test>",
        };
        if (pauseAt is not null)
            environment["MONITOR_TEST_PAUSE_AT"] = pauseAt;
        var data = Path.Combine(_config.Root, "data-" + name);
        return RunningMonitor.Start(["run", "--config", _config.ConfigFolder, "--data", data], _config.Root, environment);
    }

    /// <summary>Both instances' logs in the failure, whichever was waited for.</summary>
    private static async Task WithLogsAsync(Task wait, RunningMonitor a, RunningMonitor b)
    {
        try
        {
            await wait;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new TimeoutException($"{ex.Message.Split('\n')[0]}\n== a:\n{a.Log}\n== b:\n{b.Log}", ex);
        }
    }

    private static int FeedsPolledBy(RunningMonitor monitor) =>
        Regex.Matches(monitor.Log, @"Feed http://127\.0\.0\.1:\d+/feed\d\.xml: \d+ items").Count;

    [Fact]
    public async Task Two_instances_share_the_feeds_fetch_each_once_and_deliver_the_missed_digest_once()
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        using var a = Start("a", smtp);
        using var b = Start("b", smtp);

        // The digest of the missed slot is composed by one instance; the other finds the slot handled.
        await WithLogsAsync(Task.WhenAny(
            a.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), Bound),
            b.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), Bound)).Unwrap(), a, b);
        await Task.WhenAll(
            a.WaitForLineAsync(l => l.Contains("Cluster mode", StringComparison.Ordinal), Bound),
            b.WaitForLineAsync(l => l.Contains("Cluster mode", StringComparison.Ordinal), Bound));
        var handled = new[] { a, b }.Select(m => m.WaitForLineAsync(l => l.Contains("was already handled", StringComparison.Ordinal), Bound));
        await await Task.WhenAny(handled);

        await a.StopAsync(Bound);
        await b.StopAsync(Bound);
        var message = Assert.Single(smtp.Messages());
        for (var i = 0; i < FeedCount; i++)
        {
            Assert.Equal(1, _feeds.Hits($"feed{i}.xml"));
            Assert.Contains($"Nvidia export controls, report {i}", message.HtmlBody ?? "");
        }
        Assert.Equal(FeedCount, FeedsPolledBy(a) + FeedsPolledBy(b));
        Assert.Contains("Catch-up: digest slot", a.Log + b.Log);
    }

    [Fact]
    public async Task An_instance_killed_right_after_composing_leaves_its_digest_to_the_survivor_delivered_once()
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        using var a = Start("a", smtp, "after-compose");
        using var b = Start("b", smtp, "after-compose");

        var pausedTask = Task.WhenAny(
            a.WaitForLineAsync(l => l.Contains("Paused at after-compose", StringComparison.Ordinal), Bound).ContinueWith(t => { t.GetAwaiter().GetResult(); return a; }, TaskScheduler.Default),
            b.WaitForLineAsync(l => l.Contains("Paused at after-compose", StringComparison.Ordinal), Bound).ContinueWith(t => { t.GetAwaiter().GetResult(); return b; }, TaskScheduler.Default)).Unwrap();
        await WithLogsAsync(pausedTask, a, b);
        var paused = await pausedTask;
        await paused.KillAsync(Bound);
        var survivor = paused == a ? b : a;
        Assert.Empty(smtp.Messages());

        await WithLogsAsync(survivor.WaitForLineAsync(l => l.Contains("delivered to analyst@example.org", StringComparison.Ordinal), Bound), a, b);
        await survivor.StopAsync(Bound);

        var message = Assert.Single(smtp.Messages());
        for (var i = 0; i < FeedCount; i++)
            Assert.Contains($"Nvidia export controls, report {i}", message.HtmlBody ?? "");
        Assert.DoesNotContain("Paused at", survivor.Log);
    }
}
