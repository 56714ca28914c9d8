using System.Diagnostics;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor run</c> as a real process: it polls on start, and SIGTERM stops it cleanly with exit code 0.</summary>
public sealed class RunVerbTests : IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    [Fact]
    public async Task Run_polls_the_feeds_at_start_and_stops_cleanly_on_SIGTERM()
    {
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls", "https://news.example.test/n", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
        var start = new ProcessStartInfo("dotnet", [MonitorProcess.ProgramPath, .. _config.Args("run")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var log = new List<string>();
        var polled = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (log)
                log.Add(e.Data);
            if (e.Data.Contains("Polled 1 feeds", StringComparison.Ordinal))
                polled.TrySetResult();
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            // Readiness, not timing: wait for the first poll to be logged (bounded so a broken build cannot hang CI).
            await polled.Task.WaitAsync(TimeSpan.FromMinutes(2));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            string all;
            lock (log)
                all = string.Join("\n", log);
            Assert.True(process.ExitCode == 0, all);
            Assert.Contains("Monitor stopping", all);
            Assert.Contains("Monitor stopped", all);
            Assert.Equal(1, _feeds.Hits("rss.xml"));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}
