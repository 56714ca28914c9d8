using System.Reflection;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

public sealed class MonitorVersionTests
{
    [Fact]
    public async Task Version_prints_the_informational_version_and_exits_0()
    {
        var result = await MonitorProcess.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        var expected = typeof(Monitor.Cli.MonitorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("monitor " + expected, Assert.Single(Lines(result.StandardOutput)));
        Assert.StartsWith("monitor 0.1.0", result.StandardOutput);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
