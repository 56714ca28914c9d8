using System.Globalization;

namespace Monitor.Scheduling;

/// <summary>
/// Who holds an outbox lease: "machine:pid:instance". A send lease normally holds until it expires (minutes), so that
/// a live send is never taken over; but a process killed mid-send (SIGKILL, OOM, power cut) would then delay its mail
/// by that long after a restart. A lease whose owner is certainly gone (<see cref="Storage.ProcessLocks"/>: its lock
/// file beside the database is free) is taken over at once. Unsure: the lease is left to expire.
/// </summary>
public static class LeaseOwner
{
    /// <summary>Tells two processes apart that had the same id (a container restarted, where Monitor is often pid 1).</summary>
    private static readonly string Instance = Guid.NewGuid().ToString("N");

    /// <summary>This process, as written in the leases it takes.</summary>
    public static string Current { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Instance}");
}
