using System.Reflection;
using System.CommandLine;
using System.CommandLine.Invocation;

namespace Monitor.Cli;

/// <summary>
/// The program's version as <c>monitor --version</c> prints it, the start log line and the heartbeat record it: the
/// assembly's informational version (<c>0.1.0+COMMIT</c> when built from a git checkout, which the SDK appends;
/// <c>0.1.0</c> otherwise, e.g. in the container build, whose context has no .git).
/// </summary>
public static class MonitorVersion
{
    public static string Text { get; } =
        typeof(MonitorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MonitorVersion).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    /// <summary>Makes <c>--version</c> print <c>monitor VERSION</c> instead of System.CommandLine's bare version.</summary>
    public static void Use(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine("monitor " + Text);
            return ExitCodes.Success;
        }
    }
}
