using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor check</c> as a real process, as CI or a pre-commit hook runs it.</summary>
public sealed class CheckVerbTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Check_on_the_shipped_config_exits_0_with_what_it_found()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "defaults", "config");

        var result = await MonitorProcess.RunAsync(["check", "--config", shipped]);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Matches(@"^config OK: \d+ feeds, 6 watchlists, 1 recipients$", result.StandardOutput.Split('\n')[0].TrimEnd('\r'));
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Check_prints_warnings_and_still_exits_0()
    {
        var result = await MonitorProcess.RunAsync(_config.Args("check"), new Dictionary<string, string> { ["MONITOR_Smtp__Hots"] = "x" });

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("config OK: 0 feeds, 1 watchlists, 1 recipients", result.StandardOutput);
        Assert.Contains("warning: environment variable MONITOR_Smtp__Hots: 'Smtp:Hots' is not a Monitor setting and is ignored", result.StandardOutput);
    }

    [Fact]
    public async Task Check_names_an_invalid_log_format_with_its_key_and_source()
    {
        var fromEnvironment = await MonitorProcess.RunAsync(_config.Args("check"), new Dictionary<string, string> { ["MONITOR_Log__Format"] = "xml" });
        var json = await MonitorProcess.RunAsync(_config.Args("check"), new Dictionary<string, string> { ["MONITOR_Log__Format"] = "json" });
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "analyst@example.org" } ] }, "Log": { "Format": "yaml" } }""");
        var fromFile = await MonitorProcess.RunAsync(_config.Args("check"));

        Assert.Equal(2, fromEnvironment.ExitCode);
        Assert.Contains("environment variable MONITOR_Log__Format: Log:Format: must be one of Plain, Json (got 'xml')", fromEnvironment.StandardError);
        Assert.Equal(2, fromFile.ExitCode);
        Assert.Contains("appsettings.json: Log:Format: must be one of Plain, Json (got 'yaml')", fromFile.StandardError);
        Assert.True(json.ExitCode == 0, json.AllOutput);
    }

    [Fact]
    public async Task Check_names_each_invalid_alert_setting_with_its_key()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Alerts": "yes" } ] }, "Alerts": { "MaxPerHour": 0, "MaxAgeHours": 500 } }
            """);

        var result = await MonitorProcess.RunAsync(["check", "--config", "config"], workingDirectory: _config.Root);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("config/appsettings.json: Digest:Recipients:0:Alerts: must be true or false (got 'yes')", lines);
        Assert.Contains("config/appsettings.json: Alerts:MaxPerHour: must be between 1 and 60 (got 0)", lines);
        Assert.Contains("config/appsettings.json: Alerts:MaxAgeHours: must be between 1 and 168 hours (got 500)", lines);
        Assert.StartsWith("config INVALID: 3 problems", lines[^1]);
    }

    [Fact]
    public async Task Check_on_a_broken_watchlist_exits_2_naming_file_line_and_key()
    {
        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: lots", StringComparison.Ordinal));

        // Run beside the config folder, as a pre-commit hook would: files are named relative to it.
        var result = await MonitorProcess.RunAsync(["check", "--config", "config"], workingDirectory: _config.Root);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("config/watchlists.yaml:4: watchlists[0].threshold: must be a number (got 'lots')", lines[0]);
        Assert.StartsWith("config INVALID: 1 problem", lines[^1]);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Check_reports_every_problem_of_every_file_each_on_its_own_line()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Port": "twenty-five" }, "Digest": { "Recipients": [ { "Address": "analyst@example.org" } ] } }""");
        _config.Write("feeds.yaml", "feeds:\n  - url: not-a-url\n");

        var result = await MonitorProcess.RunAsync(["check", "--config", "config"], workingDirectory: _config.Root);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("config/appsettings.json: Smtp:Port: must be a whole number (got 'twenty-five')", lines);
        Assert.Contains(lines, l => l.StartsWith("config/feeds.yaml:2: feeds[0].url: ", StringComparison.Ordinal));
        Assert.StartsWith("config INVALID: 2 problems", lines[^1]);
    }

    [Fact]
    public async Task Check_on_an_invalid_template_exits_2_naming_file_line_and_reason()
    {
        Directory.CreateDirectory(Path.Combine(_config.ConfigFolder, "templates"));
        _config.Write("templates/digest.html.liquid", "<html><body>\n{% for s in sections %}\n<p>{{ s.title }}</p>\n</body></html>\n");

        var result = await MonitorProcess.RunAsync(["check", "--config", "config"], workingDirectory: _config.Root);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("config/templates/digest.html.liquid:4: template: invalid Liquid: ", lines[0]);
        Assert.Contains("the built-in digest.html.liquid is used until it is fixed", lines[0]);
        Assert.StartsWith("config INVALID: 1 problem", lines[^1]);
    }
}
