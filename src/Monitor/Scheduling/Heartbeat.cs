namespace Monitor.Scheduling;

/// <summary>
/// What <c>monitor run</c> last said about itself in <c>DATA/health.json</c>, for <c>monitor health</c>: who wrote it,
/// the database it uses, when its poll ticker last finished a tick and how that tick went, and whether it stopped cleanly.
/// </summary>
/// <param name="Database">The database file, relative to the data folder when it is inside it (so that the file can be
/// read through another mount of the same folder, e.g. a container's volume from the host), else absolute.</param>
/// <param name="PollIntervalSeconds">How often the poll ticker fires; a tick is overdue after twice this.</param>
/// <param name="LastTickAt">When the last tick finished without an error; null before the first one.</param>
/// <param name="LastErrorAt">When a tick last failed (an error other than a failing feed, which is part of a tick's outcome).</param>
/// <param name="StoppedAt">Set on a clean shutdown; null while running, and after a crash.</param>
public sealed record Heartbeat(
    string Version,
    string Machine,
    int Pid,
    string Instance,
    DateTimeOffset StartedAt,
    string Database,
    int PollIntervalSeconds,
    DateTimeOffset? LastTickAt = null,
    int FeedsDue = 0,
    int FeedsPolled = 0,
    int FeedsFailed = 0,
    DateTimeOffset? LastErrorAt = null,
    string? LastError = null,
    DateTimeOffset? StoppedAt = null);
