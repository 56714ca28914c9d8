using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary>
/// <c>monitor run</c> as a real process: it polls on start, applies valid edits of watchlists.yaml while it runs and
/// keeps the last good version on an invalid one, and SIGTERM stops it cleanly with exit code 0.
/// </summary>
public sealed class RunVerbTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the process, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private RunningMonitor StartPolling()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls", "https://news.example.test/n", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        // Beside the config folder, so that the log names config/watchlists.yaml as a user running it there would see it.
        return RunningMonitor.Start(_config.Args("run"), workingDirectory: _config.Root);
    }

    [Fact]
    public async Task Run_polls_the_feeds_at_start_and_stops_cleanly_on_SIGTERM()
    {
        using var monitor = StartPolling();

        // Readiness, not timing: wait for the first poll to be logged.
        await monitor.WaitForLineAsync(l => l.Contains("Polled 1 feeds", StringComparison.Ordinal), StartBound);
        var exitCode = await monitor.TerminateAsync(StepBound);

        Assert.True(exitCode == 0, monitor.Log);
        Assert.Contains("Monitor stopping", monitor.Log);
        Assert.Contains("Monitor stopped", monitor.Log);
        Assert.Equal(1, _feeds.Hits("rss.xml"));
    }

    [Fact]
    public async Task Run_stopped_while_a_feed_hangs_does_not_wait_for_the_feed_and_polls_it_again_at_the_next_start()
    {
        // A feed that never answers, with a fetch timeout of ten minutes: a stop that waited for the fetch would be
        // killed after the container's 10-second grace period. (The bound below only keeps a hang from blocking CI.)
        var fetching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetchedAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        _feeds.Handle("hang.xml", async context =>
        {
            (Interlocked.Increment(ref requests) == 1 ? fetching : fetchedAgain).TrySetResult();
            await Task.Delay(TimeSpan.FromMinutes(10), context.RequestAborted).ContinueWith(_ => { });
        });
        _config.Feeds(_feeds.Url("hang.xml"));
        var environment = new Dictionary<string, string> { ["MONITOR_Feeds__TimeoutSeconds"] = "600" };
        using (var monitor = RunningMonitor.Start(_config.Args("run"), _config.Root, environment))
        {
            await fetching.Task.WaitAsync(StartBound);

            await monitor.StopAsync(StepBound);
            Assert.Contains("Monitor stopped", monitor.Log);
        }

        // The interrupted poll recorded nothing: the feed is due at once when Monitor starts again.
        using var again = RunningMonitor.Start(_config.Args("run"), _config.Root, environment);
        await fetchedAgain.Task.WaitAsync(StartBound);
        await again.StopAsync(StepBound);
    }

    [Fact]
    public async Task Run_keeps_the_last_good_watchlists_on_an_invalid_edit_and_applies_the_fix()
    {
        using var monitor = StartPolling();
        await monitor.WaitForLineAsync(l => l.Contains("Polled 1 feeds", StringComparison.Ordinal), StartBound);

        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: lots", StringComparison.Ordinal));
        await monitor.WaitForLineAsync(l => l.Contains("ERR]", StringComparison.Ordinal)
            && l.Contains("Watchlists not reloaded, the last good version (1 watchlists) stays in force", StringComparison.Ordinal)
            && l.Contains("config/watchlists.yaml:4: watchlists[0].threshold: must be a number (got 'lots')", StringComparison.Ordinal), StepBound);
        Assert.False(monitor.HasExited, monitor.Log);

        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: 5", StringComparison.Ordinal));
        await monitor.WaitForLineAsync(l => l.Contains("Watchlists reloaded from ", StringComparison.Ordinal)
            && l.Contains("watchlists.yaml: 1 watchlists", StringComparison.Ordinal), StepBound);

        await monitor.StopAsync(StepBound);
    }

    [Fact]
    public async Task Run_restarted_on_an_invalid_file_starts_with_the_last_good_version_while_once_refuses_it()
    {
        using (var first = StartPolling())
        {
            await first.WaitForLineAsync(l => l.Contains("Polled 1 feeds", StringComparison.Ordinal), StartBound);
            await first.StopAsync(StepBound);
        }
        Assert.True(File.Exists(Path.Combine(_config.DataFolder, "watchlists.last-good.yaml")));

        // The edit breaks the file while Monitor is stopped (a deploy, a reboot): run starts anyway, on the last good copy.
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: lots", StringComparison.Ordinal));
        using var second = RunningMonitor.Start(_config.Args("run"), workingDirectory: _config.Root);
        await second.WaitForLineAsync(l => l.Contains("ERR]", StringComparison.Ordinal)
            && l.Contains("Watchlists file invalid, started with the last good version", StringComparison.Ordinal)
            && l.Contains("config/watchlists.yaml:4: watchlists[0].threshold: must be a number (got 'lots')", StringComparison.Ordinal), StartBound);
        // Running (the feed itself is not due again yet): it watches the file for the fix.
        await second.WaitForLineAsync(l => l.Contains("Watching ", StringComparison.Ordinal), StepBound);
        Assert.False(second.HasExited, second.Log);
        await second.StopAsync(StepBound);

        // once and check are explicit runs: they refuse the invalid file.
        var once = await MonitorProcess.RunAsync(_config.Args("once"));
        Assert.Equal(2, once.ExitCode);
    }
}
