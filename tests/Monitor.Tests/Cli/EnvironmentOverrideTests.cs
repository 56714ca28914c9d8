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
        var result = await MonitorProcess.RunAsync(["once", "--config", _config.ConfigFolder, "--data", _config.DataFolder],
            new Dictionary<string, string> { ["MONITOR_Smtp__Port"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable MONITOR_Smtp__Port: Smtp:Port: must be 1-65535 (got 0)", result.StandardError);
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
    public async Task Every_verb_has_help()
    {
        foreach (var verb in new[] { "run", "once", "demo" })
        {
            var result = await MonitorProcess.RunAsync([verb, "--help"]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("--config", result.StandardOutput);
            Assert.Contains("--data", result.StandardOutput);
        }
    }
}
