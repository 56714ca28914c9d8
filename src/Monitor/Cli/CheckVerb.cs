using System.Globalization;
using Monitor.Configuration;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor check</c>: the whole configuration checked as at start (appsettings.json and MONITOR_ variables,
/// feeds.yaml, watchlists.yaml, the rules across them), without opening the data folder or the network. For CI and
/// pre-commit hooks: exit 0 and a one-line summary when it is valid; otherwise exit 2, every problem on its own line
/// on stderr, worded as the log words it (<c>file:line: key: reason</c>).
/// </summary>
public static class CheckVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, TextWriter output, TextWriter error)
    {
        CheckedConfiguration config;
        try
        {
            config = MonitorCli.NewCheck().Check(paths);
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
                await error.WriteLineAsync(problem.ToString());
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"config INVALID: {ex.Problems.Count} problem{(ex.Problems.Count == 1 ? "" : "s")} in {paths.ConfigFolder}"));
            return ExitCodes.InvalidConfiguration;
        }

        if (config.TemplateProblems.Count > 0)
        {
            foreach (var problem in config.TemplateProblems)
                await error.WriteLineAsync(problem.ToString());
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"config INVALID: {config.TemplateProblems.Count} problem{(config.TemplateProblems.Count == 1 ? "" : "s")} in {paths.ConfigFolder} (the worker renders with the built-in templates until they are fixed)"));
            return ExitCodes.InvalidConfiguration;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"config OK: {config.Feeds.Feeds.Count} feeds, {config.Watchlists.Watchlists.Count} watchlists, {config.Digest.Recipients.Count} recipients"));
        foreach (var warning in config.Warnings)
            await output.WriteLineAsync("warning: " + warning);
        return ExitCodes.Success;
    }
}
