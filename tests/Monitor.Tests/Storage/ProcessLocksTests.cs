using System.Diagnostics;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// Liveness of a lease owner from its lock file, with another real process holding the lock (util-linux flock, the
/// same kind of lock .NET takes for FileShare.None on Linux): process ids play no part, so two containers that are
/// both pid 1 on one host cannot take each other's live sends.
/// </summary>
public sealed class ProcessLocksTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private string LockFile(string instance) => Path.Combine(Path.GetDirectoryName(_temp.Database.Path)!, "locks", instance + ".lock");

    [Fact]
    public async Task An_owner_whose_process_holds_its_lock_is_alive_whatever_its_pid_and_gone_once_that_process_dies()
    {
        using var locks = new ProcessLocks(_temp.Database);
        // Same machine name and pid 1 as a Monitor in another container would show: the pid says nothing.
        var owner = $"{Environment.MachineName}:1:0123456789abcdef0123456789abcdef";
        // -o: the command does not inherit the lock, so it ends with the flock process itself.
        Directory.CreateDirectory(Path.GetDirectoryName(LockFile("x"))!);
        var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", "-o", LockFile("0123456789abcdef0123456789abcdef"), "-c", "echo locked; exec sleep 300"])
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            // Readiness: flock prints once it holds the lock.
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)));

            Assert.False(locks.IsGone(owner));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
            Assert.True(locks.IsGone(owner));
            Assert.False(File.Exists(LockFile("0123456789abcdef0123456789abcdef")));
        }
        finally
        {
            if (!holder.HasExited)
                holder.Kill(entireProcessTree: true);
            holder.Dispose();
        }
    }

    [Fact]
    public void This_process_is_alive_to_itself_and_to_another_host_in_it_and_an_owner_without_a_lock_file_is_not_known_to_be_gone()
    {
        using var locks = new ProcessLocks(_temp.Database);
        using var other = new ProcessLocks(_temp.Database);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:fedcba9876543210fedcba9876543210";

        locks.Hold(owner);

        Assert.True(File.Exists(LockFile("fedcba9876543210fedcba9876543210")));
        Assert.False(locks.IsGone(owner));
        Assert.False(other.IsGone(owner));
        // Another data folder, another machine: nobody can tell, the lease is left to expire.
        Assert.False(locks.IsGone("elsewhere:42:00000000000000000000000000000000"));
    }
}
