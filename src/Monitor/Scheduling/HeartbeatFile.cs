using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Monitor.Scheduling;

/// <summary>
/// Keeps <c>DATA/health.json</c> (<see cref="Heartbeat"/>) up to date for <c>monitor run</c>: at start, at the end of
/// every poll tick, when a tick fails, and on a clean stop. Each write goes to a temporary file that is then renamed
/// over the old one (atomic on POSIX file systems), so a reader never sees half a file. A write that fails is logged
/// and polling goes on: <c>monitor health</c> then reports the heartbeat as stale, which is the truth.
/// </summary>
public sealed class HeartbeatFile(string path, TimeProvider time, ILogger<HeartbeatFile> logger)
{
    public const string FileName = "health.json";

    /// <summary>A tick is overdue when the last one finished longer ago than this many poll intervals.</summary>
    public const int OverdueAfterIntervals = 2;

    /// <summary>A missing or null field is an invalid file, not a default: health must not read a half-written or foreign file as fine.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Written for people too (cat DATA/health.json): "0.1.0+abc", not "0.1.0\u002Babc". Never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly Lock _gate = new();
    private Heartbeat? _current;

    public string Path { get; } = path;

    /// <summary>How the heartbeat names a PostgreSQL database (no file to probe: its connection string holds a secret).</summary>
    public const string PostgresPrefix = "postgresql: ";

    /// <summary>A new run: replaces whatever an earlier process left, stopped or crashed.</summary>
    public void Started(string version, string databasePath, TimeSpan pollInterval)
    {
        var dataFolder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        var relative = System.IO.Path.GetRelativePath(dataFolder, databasePath);
        var database = databasePath.StartsWith(PostgresPrefix, StringComparison.Ordinal) || relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative)
            ? databasePath
            : relative;
        Update(_ => new Heartbeat(version, Environment.MachineName, Environment.ProcessId, LeaseOwner.Current,
            time.GetUtcNow(), database, (int)pollInterval.TotalSeconds));
    }

    public void TickFinished(int feedsDue, int feedsPolled, int feedsFailed) =>
        Update(h => h is null ? null : h with { LastTickAt = time.GetUtcNow(), FeedsDue = feedsDue, FeedsPolled = feedsPolled, FeedsFailed = feedsFailed });

    public void TickFailed(Exception error) =>
        Update(h => h is null ? null : h with { LastErrorAt = time.GetUtcNow(), LastError = OneLine(error.GetType().Name + ": " + error.Message) });

    public void Stopped() => Update(h => h is null ? null : h with { StoppedAt = time.GetUtcNow() });

    /// <summary>Reads a heartbeat file. Throws <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> or <see cref="JsonException"/>.</summary>
    public static Heartbeat Read(string path) =>
        JsonSerializer.Deserialize<Heartbeat>(File.ReadAllText(path), Json) ?? throw new JsonException("the file holds null");

    public static string Serialize(Heartbeat heartbeat) => JsonSerializer.Serialize(heartbeat, Json);

    private void Update(Func<Heartbeat?, Heartbeat?> change)
    {
        lock (_gate)
        {
            // Before Started (a tick in a host that was never started as `run`) or after Stopped, nothing is written:
            // a late tick must not make a stopped process look alive.
            if (_current is { StoppedAt: not null })
                return;
            var next = change(_current);
            if (next is null)
                return;
            _current = next;
            var temporary = Path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
                File.WriteAllText(temporary, Serialize(next));
                File.Move(temporary, Path, overwrite: true);
                logger.LogDebug("Heartbeat {HeartbeatFile} written: last poll tick {LastTickAt}, stopped {StoppedAt}", Path, next.LastTickAt, next.StoppedAt);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not write the heartbeat {HeartbeatFile}; monitor health will report this process as unhealthy", Path);
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next write uses another name.
        }
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
