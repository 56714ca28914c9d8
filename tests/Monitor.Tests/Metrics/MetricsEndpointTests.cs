using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Monitor.Tests.Support;

namespace Monitor.Tests.Metrics;

/// <summary>
/// The Prometheus endpoint of a real <c>monitor run</c> process: off by default, serving /metrics in the exposition
/// format when enabled, with the counts of the poll it just made; its settings checked like every other.
/// </summary>
public sealed partial class MetricsEndpointTests : IAsyncLifetime
{
    /// <summary>Bounds on waiting for the process, so that a broken build fails instead of hanging CI. Not timing assertions.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(1);

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("good.xml", SampleFeeds.Rss("Good",
            ("Nvidia export controls", "https://news.example.test/n", "New export controls on Nvidia chips.", TimeSpan.FromHours(1))));
        _feeds.Serve("broken.xml", "this is not a feed <<<");
        _config.Feeds(_feeds.Url("good.xml"), _feeds.Url("broken.xml"));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    private void Settings(string metrics) =>
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "analyst@example.org" } ] }, "Metrics": {{metrics}} }""");

    private async Task<RunningMonitor> PolledAsync()
    {
        var monitor = RunningMonitor.Start(_config.Args("run"), workingDirectory: _config.Root);
        await monitor.WaitForLineAsync(l => l.Contains("Polled 2 feeds", StringComparison.Ordinal), StartBound);
        return monitor;
    }

    [Fact]
    public async Task Run_with_metrics_enabled_serves_the_counts_of_its_poll_in_the_exposition_format()
    {
        var port = FreePort.Next();
        Settings($$"""{ "Enabled": true, "Port": {{port}} }""");
        using var monitor = await PolledAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        var samples = ParseExposition(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(1, samples["monitor_feed_polls_total{outcome=\"ok\"}"]);
        Assert.Equal(1, samples["monitor_feed_polls_total{outcome=\"failed\"}"]);
        Assert.Equal(0, samples["monitor_feed_polls_total{outcome=\"not_modified\"}"]);
        Assert.Equal(1, samples["monitor_feed_poll_failures_total{reason=\"malformed\"}"]);
        Assert.Equal(1, samples.Where(s => s.Key.StartsWith("monitor_feed_poll_failures_total{", StringComparison.Ordinal)).Sum(s => s.Value));
        // The good feed's one item is new: relevant, not relevant or a duplicate, it is counted once.
        Assert.Equal(1, samples.Where(s => s.Key.StartsWith("monitor_articles_total{", StringComparison.Ordinal)).Sum(s => s.Value));
        Assert.Equal(2, samples["monitor_feed_fetch_duration_seconds_count"]);
        Assert.Equal(1, samples["monitor_poll_cycle_duration_seconds_count"]);
        Assert.True(samples["monitor_last_poll_cycle_success_timestamp_seconds"] > 0);
        Assert.Equal(1, Assert.Single(samples, s => s.Key.StartsWith("monitor_build_info{version=", StringComparison.Ordinal)).Value);
        Assert.DoesNotContain(_feeds.BaseUri.Authority, text);

        // Nothing else is served.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("metrics/extra")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync("metrics", null)).StatusCode);
        await monitor.StopAsync(StepBound);
    }

    [Fact]
    public async Task Run_with_metrics_off_by_default_listens_on_no_port()
    {
        // The port given, but not Enabled: the default is off.
        var port = FreePort.Next();
        Settings($$"""{ "Port": {{port}} }""");
        using var monitor = await PolledAsync();

        using var client = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.DoesNotContain("Metrics: serving", monitor.Log);
        await monitor.StopAsync(StepBound);
    }

    [Fact]
    public async Task Run_exits_1_naming_the_keys_when_the_metrics_port_is_taken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        Settings($$"""{ "Enabled": true, "Port": {{port}} }""");

        // It stops on its own: run to the end.
        var result = await MonitorProcess.RunAsync(_config.Args("run"), workingDirectory: _config.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Monitor not started: the metrics endpoint cannot listen on 127.0.0.1:{port} (Metrics:Host, Metrics:Port)", result.StandardError);
        Assert.Equal(0, _feeds.Hits("good.xml"));
    }

    [Fact]
    public async Task Check_exits_2_naming_each_invalid_metrics_key()
    {
        Settings("""{ "Enabled": true, "Port": 0, "Host": "everywhere" }""");

        var result = await MonitorProcess.RunAsync(["check", "--config", "config"], workingDirectory: _config.Root);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("config/appsettings.json: Metrics:Port: must be 1-65535 (got 0)", lines);
        Assert.Contains(lines, l => l.StartsWith("config/appsettings.json: Metrics:Host: must be an IP address", StringComparison.Ordinal) && l.EndsWith("(got 'everywhere')", StringComparison.Ordinal));
        Assert.StartsWith("config INVALID: 2 problems", lines[^1]);
    }

    [Fact]
    public async Task Check_names_the_variable_that_set_an_invalid_metrics_port()
    {
        var result = await MonitorProcess.RunAsync(_config.Args("check"), new Dictionary<string, string> { ["MONITOR_Metrics__Port"] = "70000" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable MONITOR_Metrics__Port: Metrics:Port: must be 1-65535 (got 70000)", result.StandardError);
    }

    /// <summary>
    /// Reads the text exposition format (0.0.4) strictly: every line is a <c># HELP</c> or <c># TYPE</c> comment or a
    /// sample <c>name{label="value",…} value</c> of a family declared by a <c># TYPE</c> line before it. Returns the samples.
    /// </summary>
    private static Dictionary<string, double> ParseExposition(string text)
    {
        Assert.EndsWith("\n", text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                Assert.True(comment.Success, $"not a HELP or TYPE line: '{line}'");
                if (comment.Groups["kind"].Value == "TYPE")
                    types[comment.Groups["name"].Value] = comment.Groups["rest"].Value;
                continue;
            }
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a sample line: '{line}'");
            var name = sample.Groups["name"].Value;
            var family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            Assert.True(types.ContainsKey(name) || (types.GetValueOrDefault(family) == "histogram"), $"no # TYPE for '{name}'");
            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.True(samples.TryAdd(name + sample.Groups["labels"].Value, value), $"sample repeated: '{line}'");
        }
        return samples;
    }

    [GeneratedRegex("""^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$""")]
    private static partial Regex Comment();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?<value>[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf)|NaN)$""")]
    private static partial Regex Sample();
}
