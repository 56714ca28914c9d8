using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;

namespace Monitor.Scoring;

/// <summary>
/// The watchlists in force. It starts with the set checked before the host started; while the host runs
/// (<c>monitor run</c>) it watches the file and reloads it when it changes. A valid edit replaces the set at once; an
/// invalid one (or a deleted file) is logged with every problem, kept in <see cref="Problems"/> for the next digest,
/// and the last good set stays in force. Callers read <see cref="Current"/> once per cycle, so a cycle never sees two
/// versions. Without the hosted service (<c>once</c>, <c>demo</c>) the set is the one checked at start, unless a
/// caller asks for <see cref="Refresh"/>.
/// </summary>
public sealed class WatchlistProvider : IHostedService, IDisposable
{
    /// <summary>
    /// Editors save in several steps (truncate then write; or write a temporary file, delete the old one and rename):
    /// the file is read once the events have stopped for this long.
    /// </summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Func<WatchlistSet, IEnumerable<ConfigProblem>> _rules;
    private readonly WatchlistLoader _loader;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchlistProvider> _logger;
    private readonly string? _lastGoodCopy;
    private volatile Snapshot _snapshot;
    private FileStamp _stamp;
    private FileSystemWatcher? _watcher;
    private ITimer? _settle;
    private bool _fileTouched;
    private bool _stopped;

    /// <param name="file">The watchlists.yaml in force.</param>
    /// <param name="checkedSet">The set loaded and validated from it before the host started.</param>
    /// <param name="checkedStamp">The file as it was when that set was read: an edit made since is picked up at start.</param>
    /// <param name="rules">Rules across files (recipients naming watchlists): a new set that breaks one is refused too.</param>
    /// <param name="lastGoodCopy">
    /// Where each version put in force is copied (in the data folder), so that <c>monitor run</c> restarted on an invalid
    /// file starts with the last good version instead of not starting; null to keep no copy.
    /// </param>
    /// <param name="initialProblems">The problems of the file when <paramref name="checkedSet"/> is that copy, not the file.</param>
    public WatchlistProvider(string file, WatchlistSet checkedSet, FileStamp checkedStamp, Func<WatchlistSet, IEnumerable<ConfigProblem>> rules,
        WatchlistLoader loader, TimeProvider time, ILogger<WatchlistProvider> logger, string? lastGoodCopy = null, IReadOnlyList<ConfigProblem>? initialProblems = null)
    {
        File = Path.GetFullPath(file);
        _snapshot = new Snapshot(checkedSet, initialProblems ?? []);
        _lastGoodCopy = lastGoodCopy;
        _stamp = checkedStamp;
        _rules = rules;
        _loader = loader;
        _time = time;
        _logger = logger;
        if (_snapshot.Problems.Count == 0)
            KeepCopy();
    }

    /// <summary>The file this provider loads and watches (full path).</summary>
    public string File { get; }

    /// <summary>The last good watchlists: the last version of the file that was valid.</summary>
    public WatchlistSet Current => _snapshot.Set;

    /// <summary>What is wrong with the file as it is now; empty when the set in force is the file's content.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _snapshot.Problems;

    /// <summary>
    /// Reloads the file if it changed since it was last read (existence, last write time, length), which costs one
    /// stat. The poll job calls it every tick: file system events can be lost (a full inotify queue, some container
    /// bind mounts and network file systems never send them).
    /// </summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var stamp = Stamp();
            // A file written less than the debounce ago may be half-written: the next tick (or the watcher) reads it.
            if (stamp != _stamp && (!stamp.Exists || _time.GetUtcNow().UtcDateTime - stamp.LastWriteUtc >= Debounce))
                ReloadLocked();
        }
    }

    /// <summary>Loads and validates the file now, and puts it in force if it is valid.</summary>
    public void Reload()
    {
        lock (_gate)
            ReloadLocked();
    }

    /// <summary>Starts watching the file's folder, then picks up any edit made since the check at start.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _settle = _time.CreateTimer(_ => Settled(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var folder = Path.GetDirectoryName(File)!;
            FileSystemWatcher? watcher = null;
            try
            {
                // The folder, not the file: an editor that saves by renaming a temporary file replaces the file, and a
                // mounted ConfigMap changes a link beside it.
                watcher = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += Changed;
                watcher.Created += Changed;
                watcher.Deleted += Changed;
                watcher.Renamed += Changed;
                watcher.Error += Failed;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                _logger.LogInformation("Watching {File}: a valid edit is applied at once; an invalid one is reported and the last good version kept", File);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // E.g. the inotify instance limit of a busy machine.
                watcher?.Dispose();
                _logger.LogWarning("Cannot watch {Folder} ({WatchError}): edits to {File} are picked up at the next poll instead", folder, ex.Message, File);
            }
            if (Stamp() != _stamp)
                ReloadLocked();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _watcher?.Dispose();
            _watcher = null;
            _settle?.Dispose();
            _settle = null;
        }
    }

    private void Changed(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            if (_stopped)
                return;
            // An event naming the file forces a read: a quick second save may leave the same length and, on a coarse
            // clock, the same time. Other events in the folder (a ConfigMap's link swap) are checked against the stamp.
            if (IsTheFile(e.Name) || (e is RenamedEventArgs renamed && IsTheFile(renamed.OldName)))
                _fileTouched = true;
            _settle?.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Failed(object sender, ErrorEventArgs e)
    {
        _logger.LogWarning("Watching {File} missed events ({WatchError}): it is checked again now, and at every poll", File, e.GetException().Message);
        lock (_gate)
            _settle?.Change(Debounce, Timeout.InfiniteTimeSpan);
    }

    private void Settled()
    {
        lock (_gate)
        {
            if (_stopped)
                return;
            var touched = _fileTouched;
            _fileTouched = false;
            if (touched || Stamp() != _stamp)
                ReloadLocked();
        }
    }

    private bool IsTheFile(string? name) => string.Equals(name, Path.GetFileName(File), StringComparison.OrdinalIgnoreCase);

    private void ReloadLocked()
    {
        // Taken before reading: an edit made while the file is read changes the stamp again and is read next time.
        _stamp = Stamp();
        var (set, problems) = Load();
        var inForce = _snapshot.Set;
        if (problems.Count == 0)
        {
            _snapshot = new Snapshot(set!, []);
            _logger.LogInformation("Watchlists reloaded from {File}: {WatchlistCount} watchlists", File, set!.Watchlists.Count);
            KeepCopy();
            return;
        }
        _snapshot = new Snapshot(inForce, problems);
        foreach (var problem in problems)
        {
            _logger.LogError("Watchlists not reloaded, the last good version ({WatchlistCount} watchlists) stays in force: {ConfigProblem}",
                inForce.Watchlists.Count, problem.ToString());
        }
    }

    /// <summary>Copies the file in force to <see cref="_lastGoodCopy"/> (written beside it, then renamed: never half-written).</summary>
    private void KeepCopy()
    {
        if (_lastGoodCopy is null)
            return;
        // A temporary name of its own: two processes starting together on one data folder both write the copy.
        var temporary = _lastGoodCopy + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_lastGoodCopy)!);
            System.IO.File.Copy(File, temporary, overwrite: true);
            System.IO.File.Move(temporary, _lastGoodCopy, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Cannot keep a copy of the watchlists in force at {Copy} ({CopyError}): a restart on an invalid edit will not start", _lastGoodCopy, ex.Message);
            try
            {
                System.IO.File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Left behind: harmless, and the next copy has another name.
            }
        }
    }

    private (WatchlistSet? Set, IReadOnlyList<ConfigProblem> Problems) Load()
    {
        try
        {
            var set = _loader.Load(File);
            return (set, _rules(set).ToList());
        }
        catch (ConfigurationException ex)
        {
            return (null, ex.Problems);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Deleted or replaced between the check for it and the read, or not readable by this user.
            return (null, [new ConfigProblem(ConfigSource.Display(File), null, "watchlists", "cannot be read: " + ex.Message)]);
        }
    }

    private FileStamp Stamp()
    {
        try
        {
            return FileStamp.Of(File);
        }
        catch (IOException)
        {
            // A link loop: the read fails and says why.
            return FileStamp.Missing;
        }
    }

    private sealed record Snapshot(WatchlistSet Set, IReadOnlyList<ConfigProblem> Problems);
}
