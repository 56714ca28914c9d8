using System.Globalization;
using System.Text.Json;
using Monitor.Scheduling;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor health</c>: whether the <c>monitor run</c> using this data folder is working, for a container
/// HEALTHCHECK (every 30 s) or a service manager. Healthy (exit 0): its heartbeat (<c>DATA/health.json</c>) says it
/// is running, the database it uses opens read-only and its schema is readable, and its poll ticker finished a tick
/// within twice the poll interval. Otherwise exit 1. Either way one line on stdout, saying why.
/// </summary>
/// <remarks>
/// Cheap and side-effect free: it reads the heartbeat and opens the database read-only, and nothing else (no
/// configuration, no host, no migration, no network, no writes). It reads no configuration file because the
/// heartbeat names the database the run uses (relative to the data folder), so a broken edit of appsettings.json,
/// feeds.yaml or watchlists.yaml, which the running process does not read again, does not make it unhealthy; only
/// the data folder (--data or MONITOR_DATA) must be right. Failing feeds do not make it unhealthy either: they are the
/// web's state, not Monitor's, and the digest footer reports them.
/// </remarks>
public static class HealthVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var (healthy, reason) = await CheckAsync(paths, time, cancellationToken);
        await output.WriteLineAsync((healthy ? "healthy: " : "unhealthy: ") + reason);
        return healthy ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<(bool Healthy, string Reason)> CheckAsync(MonitorPaths paths, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = paths.HealthFile;
        if (!File.Exists(file))
            return (false, $"no monitor run has written {file} yet");
        Heartbeat beat;
        try
        {
            beat = HeartbeatFile.Read(file);
        }
        catch (JsonException ex)
        {
            return (false, $"{file} is not a valid heartbeat: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (false, $"{file} cannot be read: {ex.Message}");
        }

        var now = time.GetUtcNow();
        if (beat.StoppedAt is { } stopped)
            return (false, $"stopped: the monitor run (pid {Number(beat.Pid)} on {beat.Machine}) stopped cleanly at {Time(stopped)}, {Ago(now - stopped)} ago");

        // PostgreSQL (cluster mode): no configuration is read here, so no connection string; every poll tick works in the
        // database, so a recent tick that did not fail says it is reachable.
        var onPostgres = beat.Database.StartsWith(HeartbeatFile.PostgresPrefix, StringComparison.Ordinal);
        var database = onPostgres ? beat.Database[HeartbeatFile.PostgresPrefix.Length..] : Path.GetFullPath(beat.Database, paths.DataFolder);
        var probe = onPostgres ? new DatabaseProbeResult(null, null) : await DatabaseProbe.ReadAsync(database, cancellationToken);
        if (probe.Problem is { } problem)
            return (false, $"database {database}: {problem}");

        var limit = TimeSpan.FromSeconds(beat.PollIntervalSeconds) * HeartbeatFile.OverdueAfterIntervals;
        var failed = beat.LastErrorAt is { } failedAt && (beat.LastTickAt is null || failedAt > beat.LastTickAt)
            ? $"; the last tick failed at {Time(failedAt)}: {beat.LastError}"
            : "";
        if (beat.LastTickAt is not { } tick)
        {
            var running = now - beat.StartedAt;
            return (false, $"the monitor run (pid {Number(beat.Pid)} on {beat.Machine}) started at {Time(beat.StartedAt)}, {Ago(running)} ago, and has not finished a poll tick yet (limit {Span(limit)}){failed}");
        }
        var age = now - tick;
        if (age > limit)
            return (false, $"last poll tick {Time(tick)}, {Ago(age)} ago (limit {Span(limit)}){failed}");
        return (true, $"last poll tick {Time(tick)}, {Ago(age)} ago (limit {Span(limit)}): {Number(beat.FeedsDue)} feeds due, "
            + $"{Number(beat.FeedsPolled)} polled, {Number(beat.FeedsFailed)} failed; pid {Number(beat.Pid)} on {beat.Machine}, running since {Time(beat.StartedAt)}, "
            + $"monitor {beat.Version}, " + (onPostgres ? database : $"database schema version {Number(probe.SchemaVersion ?? 0)}"));
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A clock that moved back makes a future time; that is "just now", not a negative age.</summary>
    private static string Ago(TimeSpan age) => Span(age < TimeSpan.Zero ? TimeSpan.Zero : age);

    private static string Span(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromMinutes(2) => Unit((long)span.TotalSeconds, "second"),
        _ when span < TimeSpan.FromHours(2) => Unit((long)span.TotalMinutes, "minute"),
        _ when span < TimeSpan.FromDays(2) => Unit((long)span.TotalHours, "hour"),
        _ => Unit((long)span.TotalDays, "day"),
    };

    private static string Unit(long count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}
