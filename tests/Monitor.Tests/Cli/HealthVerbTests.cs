using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Cli;
using Monitor.Scheduling;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary>
/// <c>monitor health</c> as a real process, against a real <c>monitor run</c> and against heartbeat files written by
/// hand (stale, stopped, corrupt), plus the wording of each answer in process with a fake clock.
/// </summary>
public sealed class HealthVerbTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the process, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 22, 8, 0, TimeSpan.Zero);

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    private string HealthFile => Path.Combine(_config.DataFolder, "health.json");

    private string DatabaseFile => Path.Combine(_config.DataFolder, "monitor.db");

    [Fact]
    public async Task Health_is_healthy_while_run_polls_and_says_stopped_after_SIGTERM()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls", "https://news.example.test/n", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        // Debug: the heartbeat logs each write, which is what the test waits for (readiness, not timing).
        using var monitor = RunningMonitor.Start(_config.Args("run"), _config.Root, new Dictionary<string, string> { ["MONITOR_Log__Level"] = "Debug" });
        await monitor.WaitForLineAsync(l => l.Contains("Heartbeat ", StringComparison.Ordinal) && l.Contains("written: last poll tick", StringComparison.Ordinal)
            && !l.Contains("last poll tick null", StringComparison.Ordinal), StartBound);

        var healthy = await MonitorProcess.RunAsync(_config.Args("health"));
        Assert.True(healthy.ExitCode == 0, healthy.AllOutput + "\n" + monitor.Log);
        var line = Assert.Single(Lines(healthy.StandardOutput));
        Assert.StartsWith("healthy: last poll tick ", line);
        Assert.Contains("(limit 2 minutes): 1 feeds due, 1 polled, 0 failed; pid ", line);
        Assert.Contains("monitor " + MonitorVersion.Text, line);
        // The start line names the same version as --version.
        Assert.Contains("Monitor " + MonitorVersion.Text + " starting", monitor.Log);

        // Health reads no configuration: an edit that breaks appsettings.json (which the running process does not
        // read again) does not make the running process unhealthy.
        _config.Write("appsettings.json", "{ not json");
        Assert.Equal(0, (await MonitorProcess.RunAsync(_config.Args("health"))).ExitCode);

        await monitor.StopAsync(StepBound);
        var stopped = await MonitorProcess.RunAsync(_config.Args("health"));
        Assert.Equal(1, stopped.ExitCode);
        Assert.StartsWith("unhealthy: stopped: the monitor run (pid ", Assert.Single(Lines(stopped.StandardOutput)));
        Assert.Contains("stopped cleanly at ", stopped.StandardOutput);
    }

    [Fact]
    public async Task Health_without_a_heartbeat_is_unhealthy()
    {
        var result = await MonitorProcess.RunAsync(_config.Args("health"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"unhealthy: no monitor run has written {HealthFile} yet", Assert.Single(Lines(result.StandardOutput)));
    }

    [Fact]
    public async Task Health_with_a_stale_heartbeat_is_unhealthy_and_says_how_old_the_last_tick_is()
    {
        await MigratedDatabaseAsync();
        var tick = TimeProvider.System.GetUtcNow().AddMinutes(-7);
        WriteHeartbeat(Beat(tick.AddHours(-1)) with { LastTickAt = tick, FeedsDue = 2, FeedsPolled = 2 });

        var result = await MonitorProcess.RunAsync(_config.Args("health"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.StandardOutput));
        Assert.StartsWith($"unhealthy: last poll tick {tick.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, ", line);
        Assert.EndsWith(" minutes ago (limit 2 minutes)", line);
    }

    [Fact]
    public async Task Health_with_a_corrupt_database_is_unhealthy_and_names_it()
    {
        Directory.CreateDirectory(_config.DataFolder);
        await File.WriteAllTextAsync(DatabaseFile, "this is not an SQLite file, but it is long enough to be read as one. " + new string('x', 200));
        WriteHeartbeat(Beat(TimeProvider.System.GetUtcNow()) with { LastTickAt = TimeProvider.System.GetUtcNow() });

        var result = await MonitorProcess.RunAsync(_config.Args("health"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.StandardOutput));
        Assert.StartsWith($"unhealthy: database {DatabaseFile}: ", line);
        Assert.Contains("not a database", line);
    }

    [Fact]
    public async Task Health_with_a_missing_database_is_unhealthy_and_names_it()
    {
        WriteHeartbeat(Beat(Now) with { LastTickAt = Now });

        var (code, line) = await HealthAsync(Now);

        Assert.Equal(1, code);
        Assert.Equal($"unhealthy: database {DatabaseFile}: does not exist", line);
    }

    [Fact]
    public async Task Health_with_an_invalid_heartbeat_file_is_unhealthy()
    {
        Directory.CreateDirectory(_config.DataFolder);
        await File.WriteAllTextAsync(HealthFile, """{ "version": "0.1.0" }""");

        var result = await MonitorProcess.RunAsync(_config.Args("health"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"unhealthy: {HealthFile} is not a valid heartbeat: ", Assert.Single(Lines(result.StandardOutput)));
    }

    [Fact]
    public async Task Health_within_the_limit_is_healthy_and_counts_the_last_tick()
    {
        await MigratedDatabaseAsync();
        WriteHeartbeat(Beat(Now.AddHours(-1)) with { LastTickAt = Now.AddSeconds(-90), FeedsDue = 3, FeedsPolled = 3, FeedsFailed = 1 });

        var (code, line) = await HealthAsync(Now);

        Assert.Equal(0, code);
        Assert.StartsWith("healthy: last poll tick 2026-11-30 22:06:30Z, 90 seconds ago (limit 2 minutes): 3 feeds due, 3 polled, 1 failed; pid 4242 on box, running since 2026-11-30 21:08:00Z, monitor 9.9.9, database schema version ", line);
    }

    [Fact]
    public async Task Health_before_the_first_tick_is_unhealthy_and_says_so()
    {
        await MigratedDatabaseAsync();
        WriteHeartbeat(Beat(Now.AddSeconds(-30)));

        var (code, line) = await HealthAsync(Now);

        Assert.Equal(1, code);
        Assert.Equal("unhealthy: the monitor run (pid 4242 on box) started at 2026-11-30 22:07:30Z, 30 seconds ago, and has not finished a poll tick yet (limit 2 minutes)", line);
    }

    [Fact]
    public async Task Health_after_failing_ticks_gives_the_last_error()
    {
        await MigratedDatabaseAsync();
        var time = new FakeTimeProvider(Now.AddMinutes(-10));
        var heartbeat = new HeartbeatFile(HealthFile, time, NullLogger<HeartbeatFile>.Instance);
        heartbeat.Started("9.9.9", DatabaseFile, TimeSpan.FromMinutes(1));
        heartbeat.TickFinished(1, 1, 0);
        time.Advance(TimeSpan.FromMinutes(5));
        heartbeat.TickFailed(new InvalidOperationException("SQLite Error 5: 'database is locked'.\nsecond line"));

        var (code, line) = await HealthAsync(Now);

        Assert.Equal(1, code);
        Assert.Equal("unhealthy: last poll tick 2026-11-30 21:58:00Z, 10 minutes ago (limit 2 minutes); the last tick failed at 2026-11-30 22:03:00Z: "
            + "InvalidOperationException: SQLite Error 5: 'database is locked'. second line", line);
    }

    [Fact]
    public async Task A_stopped_heartbeat_is_not_revived_by_a_late_tick()
    {
        var time = new FakeTimeProvider(Now);
        var heartbeat = new HeartbeatFile(HealthFile, time, NullLogger<HeartbeatFile>.Instance);
        heartbeat.Started("9.9.9", DatabaseFile, TimeSpan.FromMinutes(1));
        heartbeat.Stopped();
        heartbeat.TickFinished(1, 1, 0);

        var (code, line) = await HealthAsync(Now.AddSeconds(5));

        Assert.Equal(1, code);
        Assert.StartsWith("unhealthy: stopped: the monitor run (pid ", line);
        Assert.Null(HeartbeatFile.Read(HealthFile).LastTickAt);
    }

    private async Task<(int Code, string Line)> HealthAsync(DateTimeOffset now)
    {
        using var output = new StringWriter();
        var code = await HealthVerb.RunAsync(_config.Paths, new FakeTimeProvider(now), output, CancellationToken.None);
        return (code, Assert.Single(Lines(output.ToString())));
    }

    private async Task MigratedDatabaseAsync() =>
        await new MonitorDatabase(DatabaseFile, NullLogger<MonitorDatabase>.Instance).MigrateAsync(CancellationToken.None);

    private static Heartbeat Beat(DateTimeOffset startedAt) => new("9.9.9", "box", 4242, "box:4242:abc", startedAt, "monitor.db", 60);

    private void WriteHeartbeat(Heartbeat heartbeat)
    {
        Directory.CreateDirectory(_config.DataFolder);
        File.WriteAllText(HealthFile, HeartbeatFile.Serialize(heartbeat));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
