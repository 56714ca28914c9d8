using System.Diagnostics;

namespace Monitor.Tests.Support;

/// <summary>Runs the real <c>monitor</c> program (the built monitor.dll) as a separate process, as a user would.</summary>
public static class MonitorProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string AllOutput => StandardOutput + StandardError;
    }

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "monitor.dll");

    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The child must not inherit settings from the developer's shell.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MONITOR_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"monitor {string.Join(' ', args)} did not finish: {await stdout} {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
