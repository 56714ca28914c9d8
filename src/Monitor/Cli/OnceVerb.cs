using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Cli;

/// <summary><c>monitor once</c>: one full cycle, a summary on stdout, and an exit code scripts can test.</summary>
public static class OnceVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        using var host = hostFactory(paths, config).Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor");
        foreach (var warning in config.Warnings)
            logger.LogWarning("Configuration: {Warning}", warning.ToString());
        foreach (var problem in config.TemplateProblems)
            logger.LogError("Template invalid, the built-in template is used until it is fixed: {ConfigProblem}", problem.ToString());

        var result = await FullCycle.RunAsync(host, config, cancellationToken);
        CycleReport.Write(Console.Out, result, paths, verbose: false);
        return result.Digests.Failed > 0 ? ExitCodes.DeliveryFailed : ExitCodes.Success;
    }
}
