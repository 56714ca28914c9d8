using System.Diagnostics;
using System.Globalization;

namespace Monitor.Tests.Support;

/// <summary>
/// The real <c>monitor</c> program left running (<c>run</c>): its log lines as they come, a bounded wait for the one a
/// test expects, SIGTERM to stop it as a service manager would, SIGKILL to crash it. Killed on dispose if still running.
/// </summary>
public sealed class RunningMonitor : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiting = [];
    private bool _closed;

    private RunningMonitor(Process process) => _process = process;

    public static RunningMonitor Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(MonitorProcess.ProgramPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The child must not inherit settings from the developer's shell.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MONITOR_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var monitor = new RunningMonitor(new Process { StartInfo = start });
        monitor._process.ErrorDataReceived += (_, e) => monitor.Received(e.Data);
        monitor._process.Start();
        monitor._process.BeginErrorReadLine();
        monitor._process.BeginOutputReadLine();
        return monitor;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything logged so far (stderr), one line per entry.</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return string.Join("\n", _log);
        }
    }

    /// <summary>
    /// Completes when a log line matching <paramref name="match"/> is (or was) written. Fails with the log so far when
    /// <paramref name="timeout"/> passes first, or as soon as the process closes its log.
    /// </summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.Any(match))
                return;
            if (_closed)
                throw new InvalidOperationException("monitor exited without logging the expected line:\n" + string.Join("\n", _log));
            _waiting.Add((match, seen));
        }
        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no matching log line within {timeout}:\n{Log}");
        }
    }

    /// <summary>Sends SIGTERM and waits (bounded) for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM and fails, with the whole log, unless the process exits 0 within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        var code = await TerminateAsync(timeout);
        if (code != 0)
            throw new Xunit.Sdk.XunitException($"monitor exited {code} after SIGTERM, not 0:\n{Log}");
    }

    /// <summary>
    /// Kills the process with SIGKILL (a crash, an OOM kill, a power cut: nothing runs after it) and waits, bounded,
    /// until it is gone and reaped.
    /// </summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    private void Received(string? line)
    {
        lock (_log)
        {
            if (line is null)
            {
                // End of stream: the process is gone, nothing more will match.
                _closed = true;
                foreach (var (_, seen) in _waiting)
                    seen.TrySetException(new InvalidOperationException("monitor exited without logging the expected line:\n" + string.Join("\n", _log)));
                _waiting.Clear();
                return;
            }
            _log.Add(line);
            foreach (var waiter in _waiting.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiting.Remove(waiter);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
