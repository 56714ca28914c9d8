using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary>MONITOR_ variables override appsettings.json, and a bad one is named by its variable.</summary>
public sealed class EnvironmentOverrideTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Invalid_value_from_an_environment_variable_is_named_by_the_variable()
    {
        var result = await MonitorProcess.RunAsync(_config.Args("once"),
            new Dictionary<string, string> { ["MONITOR_Smtp__Port"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable MONITOR_Smtp__Port: Smtp:Port: must be 1-65535 (got 0)", result.StandardError);
    }

    [Fact]
    public async Task A_recipient_added_only_by_environment_variables_is_named_by_them()
    {
        var result = await MonitorProcess.RunAsync(_config.Args("once"),
            new Dictionary<string, string> { ["MONITOR_Digest__Recipients__1__Name"] = "Bob" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variables MONITOR_Digest__Recipients__1__*: Digest:Recipients:1:Address", result.StandardError);
    }

    [Fact]
    public async Task Config_and_data_folders_come_from_MONITOR_CONFIG_and_MONITOR_DATA()
    {
        var result = await MonitorProcess.RunAsync(["once"], new Dictionary<string, string>
        {
            ["MONITOR_CONFIG"] = _config.ConfigFolder,
            ["MONITOR_DATA"] = _config.DataFolder,
        });

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.True(File.Exists(Path.Combine(_config.DataFolder, "monitor.db")));
    }

    [Fact]
    public async Task A_data_folder_that_cannot_hold_the_database_is_named_in_one_clear_line()
    {
        // A file where the data folder should be: the database cannot be created, whoever runs the test.
        var blocked = Path.Combine(_config.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "");

        var result = await MonitorProcess.RunAsync(["once", "--config", _config.ConfigFolder, "--data", blocked]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"monitor: cannot open or update the database {Path.Combine(blocked, "monitor.db")}", result.StandardError);
        Assert.Contains("--data DIR or MONITOR_DATA", result.StandardError);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
    }

    [Fact]
    public async Task Every_verb_has_help()
    {
        foreach (var verb in new[] { "run", "once", "demo", "feeds list" })
        {
            var result = await MonitorProcess.RunAsync([.. verb.Split(' '), "--help"]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("--config", result.StandardOutput);
            Assert.Contains("--data", result.StandardOutput);
        }
    }
}
