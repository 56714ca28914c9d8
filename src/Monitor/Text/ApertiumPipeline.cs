using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Monitor.Text;

/// <summary>
/// One apertium mode (<c>fr-es</c>, <c>spa-eng</c>, …) run as a long-lived pipeline of its programs in null-flush mode:
/// each block of apertium stream text written with a NUL after it is answered with its translation and a NUL. Blocks
/// go one at a time (the pipeline is one stream); a block that is not answered in time stops the pipeline, and the
/// next block starts it again.
/// </summary>
/// <remarks>
/// The mode file is run with bash, as the <c>apertium</c> script does, but without that script's deformatter,
/// reformatter and gawk filters: they buffer their input and never answer a NUL-flushed block (only the programs of
/// the mode itself honour <c>-z</c>), so <see cref="ApertiumChain"/> escapes the text itself. Starting the pipeline
/// loads every transducer of the pair, which is why it is kept running between texts.
/// </remarks>
internal sealed class ApertiumPipeline : IDisposable
{
    /// <summary>The programs of apertium modes that read and flush NUL-separated blocks when given <c>-z</c>.</summary>
    private static readonly HashSet<string> NullFlushPrograms = new(StringComparer.Ordinal)
    {
        "lt-proc", "cg-proc", "lrx-proc", "hfst-proc", "lsx-proc", "rtx-proc",
    };

    /// <summary>The Debian packages of the programs, for the message when one is missing.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["lt-proc"] = "lttoolbox", ["cg-proc"] = "cg3", ["lrx-proc"] = "apertium-lex-tools", ["hfst-proc"] = "hfst",
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _modeFile;
    private readonly string _package;
    private readonly Lazy<string?> _missing;
    private readonly Lock _gate = new();
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _answer = new();
    private Process? _process;
    private volatile string _lastError = "";
    private bool _disposed;

    /// <param name="package">The Debian package that installs the mode, for the message when it is missing.</param>
    public ApertiumPipeline(string modeFile, string package)
    {
        _modeFile = modeFile;
        _package = package;
        _missing = new Lazy<string?>(FindMissing);
        Mode = Path.GetFileNameWithoutExtension(modeFile);
    }

    public string Mode { get; }

    /// <summary>
    /// Why the pipeline cannot run (its mode file or one of its programs is missing), or null. Checked once: a package
    /// installed while the program runs is seen after a restart.
    /// </summary>
    public string? Missing() => _missing.Value;

    private string? FindMissing()
    {
        if (!File.Exists(_modeFile))
            return $"{_package} not installed: {_modeFile} not found";
        string[] programs;
        try
        {
            programs = [.. Commands(File.ReadAllText(_modeFile)).Select(c => c.Program)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"apertium mode {Mode} unreadable: {ex.Message}";
        }
        return programs.FirstOrDefault(p => !OnPath(p)) is { } absent
            ? $"apertium {Mode} needs {absent}, which is not installed "
                + $"(Debian package {Packages.GetValueOrDefault(absent, "apertium")})"
            : null;
    }

    /// <summary>
    /// The translation of one block of apertium stream text, which must end in a blank (a NUL right after a word
    /// leaves the last word unanswered); null when the pipeline failed or did not answer within
    /// <paramref name="timeout"/>, with the reason in <paramref name="failure"/>.
    /// </summary>
    public string? Translate(string stream, TimeSpan timeout, out string? failure)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is null && Start() is { } notStarted)
            {
                failure = notStarted;
                return null;
            }
            var process = _process!;
            string? answer;
            bool timedOut;
            using (var watchdog = new Watchdog(process, timeout))
            {
                answer = Exchange(process, stream);
                timedOut = watchdog.Finish();
            }
            if (answer is not null && !timedOut)
            {
                failure = null;
                return answer;
            }
            failure = timedOut
                ? $"apertium {Mode} gave no answer within {timeout.TotalMilliseconds:0} ms"
                : $"apertium {Mode} stopped: {(_lastError.Length > 0 ? _lastError : "no output")}";
            Stop();
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Stop();
        }
    }

    /// <summary>
    /// The mode's commands with <c>-z</c> after each program that takes it; $1 and $2 as the apertium script sets them.
    /// </summary>
    internal static string NullFlushCommand(string mode) =>
        string.Join(" | ", Commands(mode).Select(c =>
            NullFlushPrograms.Contains(c.Program) || c.Program.StartsWith("apertium-", StringComparison.Ordinal)
                ? $"{c.Program} -z{c.Arguments}"
                : c.Program + c.Arguments));

    private static IEnumerable<(string Program, string Arguments)> Commands(string mode) =>
        mode.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(command =>
        {
            var space = command.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (command, "") : (command[..space], command[space..]);
        });

    private static bool OnPath(string program) =>
        program.Contains('/', StringComparison.Ordinal)
            ? File.Exists(program)
            : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Any(folder => File.Exists(Path.Combine(folder, program)));

    private string? Start()
    {
        string command;
        try
        {
            command = NullFlushCommand(File.ReadAllText(_modeFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"apertium mode {Mode} unreadable: {ex.Message}";
        }
        // $0, then -n for $1 (generation without unknown-word marks, the script's -u) and no tagger option for $2.
        var start = new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { "-c", command, "apertium", "-n", "" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        // The transducers read UTF-8 whatever the host's locale; C.UTF-8 is in every Debian, even a minimal image.
        start.Environment["LC_ALL"] = "C.UTF-8";
        try
        {
            _lastError = "";
            var process = new Process { StartInfo = start };
            process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                    _lastError = e.Data.Trim();
            };
            process.Start();
            process.BeginErrorReadLine();
            _process = process;
            _answer.Clear();
            return null;
        }
        catch (Win32Exception ex)
        {
            return $"apertium {Mode} could not start: {ex.Message}";
        }
    }

    /// <summary>Writes the block and reads up to its NUL; null when the output ends first (stopped, killed).</summary>
    private string? Exchange(Process process, string stream)
    {
        try
        {
            process.StandardInput.Write(stream);
            process.StandardInput.Write('\0');
            process.StandardInput.Flush();
            while (true)
            {
                var read = process.StandardOutput.Read(_buffer, 0, _buffer.Length);
                if (read == 0)
                    return null;
                var nul = Array.IndexOf(_buffer, '\0', 0, read);
                if (nul < 0)
                {
                    _answer.Append(_buffer, 0, read);
                    continue;
                }
                _answer.Append(_buffer, 0, nul);
                var answer = _answer.ToString();
                _answer.Clear();
                // Nothing follows a block's NUL, since one block is asked at a time; kept should that ever change.
                _answer.Append(_buffer, nul + 1, read - nul - 1);
                return answer;
            }
        }
        catch (IOException)
        {
            // The pipeline exited (or was killed) while the block was written.
            return null;
        }
    }

    private void Stop()
    {
        if (_process is not { } process)
            return;
        _process = null;
        Kill(process);
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
        catch (Win32Exception)
        {
            // A process of the pipeline ended while the tree was walked: the rest is killed all the same.
        }
    }

    /// <summary>
    /// Kills the pipeline when the time is up. A timer rather than a timed read: killing the pipeline also ends a write
    /// blocked on a full pipe, and the blocked read then sees the end of its output. After <see cref="Finish"/> it
    /// kills nothing, so an answer that came in as the time ran out leaves a live pipeline.
    /// </summary>
    private sealed class Watchdog : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly Process _process;
        private readonly Timer _timer;
        private bool _finished;
        private bool _fired;

        public Watchdog(Process process, TimeSpan timeout)
        {
            _process = process;
            _timer = new Timer(_ => Fire(), null, timeout, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Whether the time ran out (and the pipeline was killed).</summary>
        public bool Finish()
        {
            lock (_gate)
            {
                _finished = true;
                return _fired;
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Fire()
        {
            lock (_gate)
            {
                if (_finished)
                    return;
                _fired = true;
                Kill(_process);
            }
        }
    }
}
