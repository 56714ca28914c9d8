using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// What one <c>monitor run</c> process knows of its own schedule: the jobs it registered (for
/// <see cref="JobInterrupter"/>) and whether it has ticked yet. The job store may be shared and persistent (cluster
/// mode), so a trigger's own history cannot say whether this process has run it.
/// </summary>
public sealed class RunState(IReadOnlyList<JobKey> jobs, bool clustered, DateTimeOffset startedAt)
{
    private int _caughtUp;

    public IReadOnlyList<JobKey> Jobs { get; } = jobs;

    /// <summary>Whether the schedule is shared with other instances (PostgreSQL, Quartz clustering).</summary>
    public bool Clustered { get; } = clustered;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>True the one time this process starts the catch-up of missed digests; false before it is due and after.</summary>
    public bool TryStartCatchUp() => Interlocked.Exchange(ref _caughtUp, 1) == 0;

    public bool CatchUpStarted => Volatile.Read(ref _caughtUp) == 1;
}
