using System.Diagnostics;
using System.Globalization;

namespace Monitor.Scheduling;

/// <summary>
/// Who holds an outbox lease: "machine:pid:instance". A send lease normally holds until it expires (minutes), so that
/// a live send is never taken over; but a process killed mid-send (SIGKILL, OOM, power cut) would then delay its mail
/// by that long after a restart. A lease whose owner ran on this machine and is certainly gone is taken over at once,
/// the way lock files are broken when their process no longer exists. Unsure (another machine, or a process with that
/// id running): the lease is left to expire.
/// </summary>
public static class LeaseOwner
{
    /// <summary>Tells two processes apart that had the same id (a container restarted, where Monitor is often pid 1).</summary>
    private static readonly string Instance = Guid.NewGuid().ToString("N");

    /// <summary>This process, as written in the leases it takes.</summary>
    public static string Current { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Instance}");

    /// <summary>Whether the process <paramref name="owner"/> names has certainly ended.</summary>
    public static bool IsGone(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return false;
        if (pid == Environment.ProcessId)
            return !string.Equals(parts[2], Instance, StringComparison.Ordinal);
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            // No process with that id.
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
